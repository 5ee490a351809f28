package org.copr.api.copr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.ADMIN;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.as;
import static org.copr.api.Api.createCopr;
import static org.copr.api.Api.error;
import static org.copr.api.Api.newCopr;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.unique;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.copr.api.DbState;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.EventJson;
import org.copr.contracts.SigningKey;
import org.copr.contracts.Topics;
import org.copr.testing.ErrorBodies;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CoprApiTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Inject DbState db;

  private static RequestSpecification json(RequestSpecification r, Object body) {
    return r.contentType(ContentType.JSON).body(body);
  }

  @Test
  void createGetAndListACopr() {
    String alice = newUser("alice");
    String dep = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    String name = unique("hello");

    json(
            as(alice),
            Map.of(
                "name",
                name,
                "description",
                "Hello packages",
                "releases",
                List.of("fedora-40", "epel-9"),
                "dependencies",
                List.of(dep)))
        .post("/coprs")
        .then()
        .statusCode(201)
        .body("name", equalTo(name))
        .body("owner", equalTo(alice))
        .body("description", equalTo("Hello packages"))
        .body("releases", contains("epel-9", "fedora-40"))
        .body("arches", contains("x86_64"))
        .body("chroots", contains("epel-9-x86_64", "fedora-40-x86_64"))
        .body("dependencies", contains(dep))
        .body("permissions", empty())
        .body("created_at", notNullValue());

    anonymous()
        .get("/coprs/{name}", name)
        .then()
        .statusCode(200)
        .body("owner", equalTo(alice))
        .body("chroots", contains("epel-9-x86_64", "fedora-40-x86_64"));
    anonymous()
        .queryParam("owner", alice)
        .get("/coprs")
        .then()
        .statusCode(200)
        .body("total", equalTo(2))
        .body("items.name", contains(List.of(dep, name).stream().sorted().toArray()))
        .body("limit", equalTo(50))
        .body("offset", equalTo(0));
    anonymous()
        .queryParam("owner", alice)
        .queryParam("limit", 1)
        .queryParam("offset", 1)
        .get("/coprs")
        .then()
        .body("items.name", contains(List.of(dep, name).stream().sorted().skip(1).toArray()))
        .body("total", equalTo(2));
  }

  @Test
  void listRefusesBadPaging() {
    error(anonymous().queryParam("limit", 0).get("/coprs"), 400, "bad_request");
    error(anonymous().queryParam("limit", 501).get("/coprs"), 400, "bad_request");
    error(anonymous().queryParam("offset", -1).get("/coprs"), 400, "bad_request");
    error(anonymous().queryParam("limit", "ten").get("/coprs"), 400, "bad_request");
  }

  @Test
  void putReplacesDescriptionAndLists() {
    String alice = newUser("alice");
    String dep = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    String name = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));

    json(
            as(alice),
            Map.of(
                "description",
                "new words",
                "releases",
                List.of("fedora-41"),
                "arches",
                List.of("x86_64", "aarch64"),
                "dependencies",
                List.of(dep)))
        .put("/coprs/{name}", name)
        .then()
        .statusCode(200)
        .body("description", equalTo("new words"))
        .body("releases", contains("fedora-41"))
        .body("chroots", contains("fedora-41-aarch64", "fedora-41-x86_64"))
        .body("dependencies", contains(dep));
    json(as(alice), Map.of("description", "only this"))
        .put("/coprs/{name}", name)
        .then()
        .statusCode(200)
        .body("releases", contains("fedora-41"))
        .body("dependencies", contains(dep));
  }

  @Test
  void dependenciesAreAddedAndRemoved() {
    String alice = newUser("alice");
    String a = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    String b = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    String name = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));

    json(as(alice), Map.of("dependencies", List.of(a, b)))
        .post("/coprs/{name}/add_dependencies", name)
        .then()
        .statusCode(200)
        .body("dependencies", contains(List.of(a, b).stream().sorted().toArray()));
    json(as(alice), Map.of("dependencies", List.of(a)))
        .post("/coprs/{name}/remove_dependencies", name)
        .then()
        .statusCode(200)
        .body("dependencies", contains(b));

    db.refuses(
        422,
        "invalid",
        () ->
            json(as(alice), Map.of("dependencies", List.of("no-such-copr-" + name)))
                .post("/coprs/{name}/add_dependencies", name));
    db.refuses(
        422,
        "invalid",
        () ->
            json(as(alice), Map.of("dependencies", List.of(name)))
                .post("/coprs/{name}/add_dependencies", name));
    db.refuses(
        422,
        "invalid",
        () ->
            json(as(alice), Map.of("dependencies", List.of("../x")))
                .post("/coprs/{name}/add_dependencies", name));
    db.refuses(
        422,
        "invalid",
        () -> json(as(alice), Map.of()).post("/coprs/{name}/add_dependencies", name));
  }

  @Test
  void releasesAreAddedAndRemoved() {
    String alice = newUser("alice");
    String name = newCopr(alice, List.of("fedora-40"), List.of("x86_64", "aarch64"));

    json(as(alice), Map.of("releases", List.of("epel-9", "fedora-40")))
        .post("/coprs/{name}/add_releases", name)
        .then()
        .statusCode(200)
        .body("releases", contains("epel-9", "fedora-40"))
        .body(
            "chroots",
            contains("epel-9-aarch64", "epel-9-x86_64", "fedora-40-aarch64", "fedora-40-x86_64"));
    json(as(alice), Map.of("releases", List.of("fedora-40")))
        .post("/coprs/{name}/remove_releases", name)
        .then()
        .statusCode(200)
        .body("releases", contains("epel-9"));

    db.refuses(
        422,
        "invalid",
        () ->
            json(as(alice), Map.of("releases", List.of("epel-9")))
                .post("/coprs/{name}/remove_releases", name));
    db.refuses(
        422,
        "invalid",
        () ->
            json(as(alice), Map.of("releases", List.of("Fedora 40")))
                .post("/coprs/{name}/add_releases", name));
    db.refuses(
        400,
        "bad_request",
        () ->
            json(as(alice), Map.of("releases", "fedora-41"))
                .post("/coprs/{name}/add_releases", name));
  }

  @Test
  void grantAndRevokePermissions() {
    String alice = newUser("alice");
    String bob = newUser("bob");
    String carol = newUser("carol");
    String name = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));

    json(as(alice), Map.of("username", bob, "permission", "builder"))
        .post("/coprs/{name}/grant", name)
        .then()
        .statusCode(200)
        .body("permissions", contains(Map.of("username", bob, "permission", "builder")));
    // a builder may not manage the copr
    db.refuses(
        403,
        "forbidden",
        () ->
            json(as(bob), Map.of("username", carol, "permission", "builder"))
                .post("/coprs/{name}/grant", name));
    json(as(alice), Map.of("username", bob, "permission", "admin"))
        .post("/coprs/{name}/grant", name)
        .then()
        .statusCode(200)
        .body("permissions", contains(Map.of("username", bob, "permission", "admin")));
    // an admin grantee may
    json(as(bob), Map.of("username", carol, "permission", "builder"))
        .post("/coprs/{name}/grant", name)
        .then()
        .statusCode(200)
        .body("permissions.username", contains(bob, carol));
    json(as(bob), Map.of("username", carol))
        .post("/coprs/{name}/revoke", name)
        .then()
        .statusCode(200)
        .body("permissions.username", contains(bob));

    db.refuses(
        404,
        "not_found",
        () -> json(as(alice), Map.of("username", carol)).post("/coprs/{name}/revoke", name));
    db.refuses(
        422,
        "invalid",
        () ->
            json(as(alice), Map.of("username", "nobody-" + name, "permission", "builder"))
                .post("/coprs/{name}/grant", name));
    db.refuses(
        422,
        "invalid",
        () ->
            json(as(alice), Map.of("username", carol, "permission", "owner"))
                .post("/coprs/{name}/grant", name));
    db.refuses(
        422,
        "invalid",
        () ->
            json(as(alice), Map.of("username", alice, "permission", "builder"))
                .post("/coprs/{name}/grant", name));
  }

  @Test
  void theOwnerDeletesACoprThatAStrangersCoprDependsOn() {
    String alice = newUser("alice");
    String stranger = newUser("stranger");
    String base = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    String other = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    String theirs = newCopr(stranger, List.of("fedora-40"), List.of("x86_64"));
    json(as(stranger), Map.of("dependencies", List.of(base, other)))
        .post("/coprs/{name}/add_dependencies", theirs)
        .then()
        .statusCode(200);

    as(alice).delete("/coprs/{name}", base).then().statusCode(204);

    error(anonymous().get("/coprs/{name}", base), 404, "not_found");
    anonymous()
        .get("/coprs/{name}", theirs)
        .then()
        .statusCode(200)
        .body("dependencies", contains(other));
    anonymous()
        .get("/coprs/{name}/repo/fedora-40.repo", theirs)
        .then()
        .statusCode(200)
        .body(not(containsString("[copr-" + base + "]")));
    try (TopicProbe coprs = new TopicProbe(KafkaBroker.shared().bootstrapServers(), Topics.COPRS)) {
      coprs.awaitEvent(
          CoprEvent.DependenciesChanged.class,
          e -> e.copr().equals(theirs) && e.dependencies().equals(List.of(other)),
          WAIT);
      // one key's events come in order: every earlier event of this copr has been seen too
      List<CoprEvent.DependenciesChanged> changes =
          coprs.awaitRecord(r -> true, WAIT).stream()
              .filter(r -> theirs.equals(r.key()))
              .map(r -> EventJson.read(r.value(), CoprEvent.class))
              .filter(CoprEvent.DependenciesChanged.class::isInstance)
              .map(CoprEvent.DependenciesChanged.class::cast)
              .toList();
      assertThat(changes)
          .extracting(CoprEvent.DependenciesChanged::dependencies)
          .containsExactly(List.of(base, other).stream().sorted().toList(), List.of(other));
    }
    db.refuses(404, "not_found", () -> as(alice).delete("/coprs/{name}", base));
  }

  @Test
  void theCoprShowsTheFingerprintRepoWorkerAnnouncesAndAForgedOneGoesToTheDeadLetters()
      throws InterruptedException {
    String alice = newUser("alice");
    String name = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    anonymous()
        .get("/coprs/{name}", name)
        .then()
        .statusCode(200)
        .body("gpg_fingerprint", nullValue());
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    String fingerprint = "0123456789ABCDEF0123456789ABCDEF01234567";
    TopicProbe.send(
        bootstrap,
        Topics.COPR_KEYS,
        name,
        new SigningKey(name, fingerprint, Instant.now().plus(Duration.ofDays(1825))));
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!fingerprint.equals(
        anonymous().get("/coprs/{name}", name).then().extract().path("gpg_fingerprint"))) {
      assertThat(System.nanoTime()).as("gpg_fingerprint within " + WAIT).isLessThan(deadline);
      Thread.sleep(200);
    }

    String forged = EventJson.write(new SigningKey(name, "not a fingerprint", Instant.now()));
    TopicProbe.send(bootstrap, Topics.COPR_KEYS, name, forged);
    try (TopicProbe dlq = new TopicProbe(bootstrap, Topics.deadLetter(Topics.COPR_KEYS))) {
      assertThat(dlq.awaitDeadLetter(forged::equals, WAIT)).contains("bad fingerprint");
    }
    anonymous().get("/coprs/{name}", name).then().body("gpg_fingerprint", equalTo(fingerprint));
  }

  @Test
  void anAdminGranteeEditsButNeitherDeletesNorGrantsAdmin() {
    String alice = newUser("alice");
    String bob = newUser("bob");
    String carol = newUser("carol");
    String name = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    json(as(alice), Map.of("username", bob, "permission", "admin"))
        .post("/coprs/{name}/grant", name)
        .then()
        .statusCode(200);

    json(as(bob), Map.of("description", "edited by an admin grantee"))
        .put("/coprs/{name}", name)
        .then()
        .statusCode(200)
        .body("description", equalTo("edited by an admin grantee"));
    db.refuses(403, "forbidden", () -> as(bob).delete("/coprs/{name}", name));
    db.refuses(
        403,
        "forbidden",
        () ->
            json(as(bob), Map.of("username", carol, "permission", "admin"))
                .post("/coprs/{name}/grant", name));
    json(as(alice), Map.of("username", carol, "permission", "admin"))
        .post("/coprs/{name}/grant", name)
        .then()
        .statusCode(200);
    // nor take an admin's permission back, or lower it
    db.refuses(
        403,
        "forbidden",
        () -> json(as(bob), Map.of("username", carol)).post("/coprs/{name}/revoke", name));
    db.refuses(
        403,
        "forbidden",
        () ->
            json(as(bob), Map.of("username", carol, "permission", "builder"))
                .post("/coprs/{name}/grant", name));

    // the site admin may, like the owner
    as(ADMIN).delete("/coprs/{name}", name).then().statusCode(204);
  }

  @Test
  void writesNeedALoginAndThePermission() {
    String alice = newUser("alice");
    String mallory = newUser("mallory");
    String name = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    Map<String, Object> releases = Map.of("releases", List.of("fedora-41"));
    Map<String, Object> deps = Map.of("dependencies", List.of());
    Map<String, Object> grant = Map.of("username", mallory, "permission", "admin");

    for (RequestSpecification[] who :
        List.of(
            new RequestSpecification[] {anonymous()},
            new RequestSpecification[] {
              anonymous().auth().preemptive().basic(alice, "wrong-password")
            })) {
      db.refuses(
          401,
          "unauthorized",
          () ->
              json(who[0], Map.of("name", unique("x"), "releases", List.of("fedora-40")))
                  .post("/coprs"));
    }
    db.refuses(
        401,
        "unauthorized",
        () -> json(anonymous(), Map.of("description", "x")).put("/coprs/{name}", name));
    db.refuses(401, "unauthorized", () -> anonymous().delete("/coprs/{name}", name));
    db.refuses(
        401,
        "unauthorized",
        () -> json(anonymous(), releases).post("/coprs/{name}/add_releases", name));

    db.refuses(
        403,
        "forbidden",
        () -> json(as(mallory), Map.of("description", "mine now")).put("/coprs/{name}", name));
    db.refuses(403, "forbidden", () -> as(mallory).delete("/coprs/{name}", name));
    db.refuses(
        403,
        "forbidden",
        () -> json(as(mallory), releases).post("/coprs/{name}/add_releases", name));
    db.refuses(
        403,
        "forbidden",
        () -> json(as(mallory), releases).post("/coprs/{name}/remove_releases", name));
    db.refuses(
        403,
        "forbidden",
        () -> json(as(mallory), deps).post("/coprs/{name}/add_dependencies", name));
    db.refuses(
        403,
        "forbidden",
        () -> json(as(mallory), deps).post("/coprs/{name}/remove_dependencies", name));
    db.refuses(403, "forbidden", () -> json(as(mallory), grant).post("/coprs/{name}/grant", name));
    db.refuses(403, "forbidden", () -> json(as(mallory), grant).post("/coprs/{name}/revoke", name));

    // a site admin may manage any copr
    json(as(ADMIN), Map.of("description", "fixed by the admin"))
        .put("/coprs/{name}", name)
        .then()
        .statusCode(200);
  }

  @Test
  void unknownCoprsAre404() {
    String alice = newUser("alice");
    String missing = unique("missing");
    error(anonymous().get("/coprs/{name}", missing), 404, "not_found");
    db.refuses(
        404,
        "not_found",
        () -> json(as(alice), Map.of("description", "x")).put("/coprs/{name}", missing));
    db.refuses(
        404,
        "not_found",
        () ->
            json(as(alice), Map.of("releases", List.of("fedora-41")))
                .post("/coprs/{name}/add_releases", missing));
    db.refuses(
        404,
        "not_found",
        () ->
            json(as(alice), Map.of("username", alice, "permission", "admin"))
                .post("/coprs/{name}/grant", missing));
    error(anonymous().get("/coprs/{name}/repo/fedora-40.repo", missing), 404, "not_found");
    error(anonymous().get("/no/such/route"), 404, "not_found");
  }

  @Test
  void createRefusesDuplicatesBadNamesAndBadJson() {
    String alice = newUser("alice");
    String taken = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));

    db.refuses(
        409, "conflict", () -> createCopr(alice, taken, List.of("fedora-40"), List.of("x86_64")));
    for (String bad :
        new String[] {"", "../escape", "a/b", ".hidden", "with space", "x".repeat(101), "ünï"}) {
      db.refuses(
          422, "invalid", () -> createCopr(alice, bad, List.of("fedora-40"), List.of("x86_64")));
    }
    for (String release : new String[] {"fedora", "Fedora-40", "fedora 40", "../40", ""}) {
      db.refuses(
          422,
          "invalid",
          () -> createCopr(alice, unique("r"), List.of(release), List.of("x86_64")));
    }
    db.refuses(422, "invalid", () -> createCopr(alice, unique("r"), List.of(), List.of("x86_64")));
    db.refuses(
        422,
        "invalid",
        () -> createCopr(alice, unique("a"), List.of("fedora-40"), List.of("noarch")));
    db.refuses(
        422,
        "invalid",
        () -> createCopr(alice, unique("a"), List.of("fedora-40"), List.of("sparc")));
    db.refuses(
        422, "invalid", () -> createCopr(alice, unique("a"), List.of("fedora-40"), List.of()));
    String self = unique("self");
    db.refuses(
        422,
        "invalid",
        () ->
            json(
                    as(alice),
                    Map.of(
                        "name",
                        self,
                        "releases",
                        List.of("fedora-40"),
                        "dependencies",
                        List.of(self)))
                .post("/coprs"));
    db.refuses(
        422,
        "invalid",
        () ->
            json(
                    as(alice),
                    Map.of(
                        "name",
                        unique("d"),
                        "releases",
                        List.of("fedora-40"),
                        "dependencies",
                        List.of("not-there-" + self)))
                .post("/coprs"));

    db.refuses(400, "bad_request", () -> json(as(alice), "{\"name\": \"x\", ").post("/coprs"));
    db.refuses(
        400,
        "bad_request",
        () -> json(as(alice), "{\"name\": \"x\", \"releases\": \"fedora-40\"}").post("/coprs"));
    db.refuses(400, "bad_request", () -> json(as(alice), "not json").post("/coprs"));
    db.refuses(400, "bad_request", () -> as(alice).contentType(ContentType.JSON).post("/coprs"));
    db.refuses(
        415,
        "unsupported_media_type",
        () -> as(alice).contentType(ContentType.TEXT).body("name=x").post("/coprs"));
  }

  @Test
  void repoFilePointsDnfAtTheCoprAndItsDependencies() {
    String alice = newUser("alice");
    String dep = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    String other = newCopr(alice, List.of("epel-9"), List.of("x86_64"));
    String name = newCopr(alice, List.of("fedora-40", "epel-9"), List.of("x86_64", "aarch64"));
    json(as(alice), Map.of("dependencies", List.of(dep, other)))
        .post("/coprs/{name}/add_dependencies", name)
        .then()
        .statusCode(200);

    String repo =
        anonymous()
            .get("/coprs/{name}/repo/fedora-40.repo", name)
            .then()
            .statusCode(200)
            .contentType(ContentType.TEXT)
            .extract()
            .asString();

    assertThat(repo)
        .contains("[copr-" + name + "]\n")
        .contains("baseurl=http://127.0.0.1:8083/repos/" + name + "/fedora-40-$basearch/\n")
        .contains("[copr-" + dep + "]\n")
        .contains("baseurl=http://127.0.0.1:8083/repos/" + dep + "/fedora-40-$basearch/\n")
        .doesNotContain(other)
        .contains("gpgcheck=1\n")
        .contains("gpgkey=http://127.0.0.1:8083/repos/" + name + "/pubkey.gpg\n")
        .contains("gpgkey=http://127.0.0.1:8083/repos/" + dep + "/pubkey.gpg\n")
        .doesNotContain("gpgcheck=0")
        .contains("enabled=1\n");
    error(anonymous().get("/coprs/{name}/repo/fedora-39.repo", name), 404, "not_found");
    assertThat(anonymous().get("/coprs/{name}/repo/epel-9.repo", name).asString())
        .contains("/" + other + "/epel-9-$basearch/")
        .doesNotContain("/" + dep + "/");
  }

  @Test
  void openApiHealthAndMetricsAreServed() {
    anonymous().get("/q/health/live").then().statusCode(200);
    anonymous()
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.containsString("/coprs/{copr_name}/packages"));
    anonymous()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.containsString("copr_outbox_sent_total"));
  }

  @TestHTTPResource("/")
  URI base;

  @Test
  void httpFailuresAnswerTheErrorBody() {
    ErrorBodies.checkCommonFailures(base, "/builds/1", true);
    String alice = newUser("alice");
    error(
        as(alice).contentType(ContentType.JSON).body("{\"name\": ").post("/coprs"),
        400,
        "bad_request");
    error(
        as(alice).contentType(ContentType.TEXT).body("name").post("/coprs"),
        415,
        "unsupported_media_type");
  }
}
