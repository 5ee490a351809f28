package org.copr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.as;
import static org.copr.api.Api.createCopr;
import static org.copr.api.Api.error;
import static org.copr.api.Api.newCopr;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.unique;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Every limit of src-docs/api.md's "Limits": a 422 (413 for bodies) past it, nothing changed. */
@QuarkusTest
class LimitsTest {
  @Inject DbState db;

  @TestHTTPResource("/coprs")
  URI coprs;

  private static List<String> releases(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> "fedora-" + i).toList();
  }

  private static Response post(String user, String path, Object body, Object... params) {
    return as(user).contentType(ContentType.JSON).body(body).post(path, params);
  }

  @Test
  void aDescriptionPastItsLimitIs422OnCreateAndEdit() {
    String alice = newUser("alice");
    String name = unique("described");
    Map<String, Object> tooLong =
        Map.of("name", name, "description", "d".repeat(10_001), "releases", List.of("fedora-40"));

    db.unchangedBy(
        () ->
            error(post(alice, "/coprs", tooLong), 422, "invalid")
                .body("detail", equalTo("description: at most 10000 characters")));
    post(
            alice,
            "/coprs",
            Map.of(
                "name", name, "description", "d".repeat(10_000), "releases", List.of("fedora-40")))
        .then()
        .statusCode(201);
    db.refuses(
        422,
        "invalid",
        () ->
            as(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("description", "e".repeat(10_001)))
                .put("/coprs/{name}", name));
  }

  @Test
  void releaseListsAndAllTheReleasesOfACoprAreBounded() {
    String alice = newUser("alice");
    String name = unique("many-releases");

    db.refuses(422, "invalid", () -> createCopr(alice, name, releases(51), List.of("x86_64")));
    createCopr(alice, name, releases(50), List.of("x86_64")).then().statusCode(201);

    db.unchangedBy(
        () ->
            error(
                    post(
                        alice,
                        "/coprs/{name}/add_releases",
                        Map.of("releases", List.of("epel-9")),
                        name),
                    422,
                    "invalid")
                .body("detail", equalTo("copr " + name + " would have 51 releases; at most 50")));
    db.refuses(
        422,
        "invalid",
        () ->
            as(alice)
                .contentType(ContentType.JSON)
                .body(Map.of("releases", releases(51)))
                .put("/coprs/{name}", name));
    db.refuses(
        422,
        "invalid",
        () -> post(alice, "/coprs/{name}/remove_releases", Map.of("releases", releases(51)), name));
  }

  @Test
  void archAndDependencyListsAndAllTheDependenciesOfACoprAreBounded() {
    String alice = newUser("alice");
    List<String> deps =
        IntStream.range(0, 51)
            .mapToObj(i -> newCopr(alice, List.of("fedora-40"), List.of("x86_64")))
            .toList();
    String name = unique("many-deps");

    db.refuses(
        422,
        "invalid",
        () ->
            post(
                alice,
                "/coprs",
                Map.of("name", name, "releases", List.of("fedora-40"), "dependencies", deps)));
    db.refuses(
        422,
        "invalid",
        () ->
            createCopr(
                alice, name, List.of("fedora-40"), java.util.Collections.nCopies(21, "x86_64")));
    post(
            alice,
            "/coprs",
            Map.of(
                "name",
                name,
                "releases",
                List.of("fedora-40"),
                "dependencies",
                deps.subList(0, 50)))
        .then()
        .statusCode(201);

    db.unchangedBy(
        () ->
            error(
                    post(
                        alice,
                        "/coprs/{name}/add_dependencies",
                        Map.of("dependencies", List.of(deps.get(50))),
                        name),
                    422,
                    "invalid")
                .body(
                    "detail", equalTo("copr " + name + " would have 51 dependencies; at most 50")));
    db.refuses(
        422,
        "invalid",
        () ->
            post(
                alice,
                "/coprs/{name}/remove_dependencies",
                Map.of("dependencies", java.util.Collections.nCopies(51, deps.get(0))),
                name));
  }

  @Test
  void aJsonBodyPastOneMebibyteIs413() throws Exception {
    String alice = newUser("alice");
    String name = unique("big-body");
    String padding = "p".repeat((1 << 20) + 1);

    db.unchangedBy(
        () ->
            error(
                    post(
                        alice,
                        "/coprs",
                        Map.of("name", name, "releases", List.of("fedora-40"), "x", padding)),
                    413,
                    "too_large")
                .body("detail", org.hamcrest.Matchers.containsString("1048576")));

    byte[] chunked =
        ("{\"name\":\"" + name + "\",\"releases\":[\"fedora-40\"],\"x\":\"" + padding + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    HttpRequest request =
        HttpRequest.newBuilder(coprs)
            .header("Content-Type", "application/json")
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString(
                            (alice + ":" + Api.password(alice)).getBytes(StandardCharsets.UTF_8)))
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(chunked)))
            .build();
    var before = db.fingerprint();
    HttpResponse<String> answer =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(413);
    assertThat(answer.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    assertThat(answer.body()).contains("\"error\":\"too_large\"");
    assertThat(db.fingerprint()).isEqualTo(before);
    post(alice, "/coprs", Map.of("name", name, "releases", List.of("fedora-40")))
        .then()
        .statusCode(201);
  }
}
