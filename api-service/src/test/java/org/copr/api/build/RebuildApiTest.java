package org.copr.api.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.as;
import static org.copr.api.Api.error;
import static org.copr.api.Api.newCopr;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.unique;
import static org.copr.api.Api.upload;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.copr.api.Rpms;
import org.copr.api.storage.Storage;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.Topics;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/** Building a stored SRPM again, and how long builds may run. */
@QuarkusTest
class RebuildApiTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> BOTH = List.of("epel-9-x86_64", "fedora-40-x86_64");

  @Inject Storage storage;

  /** A fresh user's two-chroot copr with one package uploaded: its upload's answer. */
  private record Fixture(String owner, String copr, String pkg, JsonPath upload) {
    long build(int i) {
      return upload.getLong("builds[" + i + "].id");
    }
  }

  private static Fixture fixture() {
    String owner = newUser("alice");
    String copr = newCopr(owner, List.of("fedora-40", "epel-9"), List.of("x86_64"));
    String pkg = unique("pkg");
    JsonPath made =
        upload(owner, copr, Rpms.srpm(pkg, "1.0")).then().statusCode(202).extract().jsonPath();
    return new Fixture(owner, copr, pkg, made);
  }

  private static Response resubmit(String user, long build, Object body) {
    return as(user).contentType(ContentType.JSON).body(body).post("/builds/{id}/resubmit", build);
  }

  private static Response buildPackage(String user, String copr, String pkg, Object body) {
    return as(user)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/coprs/{copr}/packages/{pkg}/builds", copr, pkg);
  }

  private static BuildRequested requested(TopicProbe probe, long build) {
    return probe.awaitEvent(BuildRequested.class, e -> e.build().buildId() == build, WAIT);
  }

  @Test
  void aResubmitBuildsTheSameSrpmAgainAsNewBuildsWhileAnUploadOfItStaysRefused() {
    Fixture f = fixture();
    long first = f.build(0);
    String chroot = f.upload.getString("builds[0].chroot");

    JsonPath again = resubmit(f.owner, first, Map.of()).then().statusCode(202).extract().jsonPath();
    JsonPath both =
        resubmit(f.owner, first, Map.of("chroots", BOTH))
            .then()
            .statusCode(202)
            .extract()
            .jsonPath();

    assertThat(again.getList("builds.chroot")).containsExactly(chroot);
    long rebuilt = again.getLong("builds[0].id");
    assertThat(rebuilt).isGreaterThan(f.build(1));
    assertThat(again.getString("builds[0].state")).isEqualTo("pending");
    assertThat(again.getString("builds[0].evr")).isEqualTo("1.0-1");
    assertThat(again.getString("builds[0].submitted_by")).isEqualTo(f.owner);
    assertThat(again.getLong("builds[0].submission_id"))
        .isNotEqualTo(f.upload.getLong("builds[0].submission_id"));
    assertThat(again.getString("package.name")).isEqualTo(f.pkg);
    assertThat(both.getList("builds.chroot")).containsExactlyElementsOf(BOTH);
    try (TopicProbe probe =
        new TopicProbe(KafkaBroker.shared().bootstrapServers(), Topics.BUILDS_REQUESTED)) {
      BuildRequested original = requested(probe, first);
      BuildRequested repeated = requested(probe, rebuilt);
      assertThat(repeated.build().srpm()).isEqualTo(original.build().srpm());
      assertThat(repeated.build().srpmSha256()).isEqualTo(original.build().srpmSha256());
      assertThat(repeated.build().chroot()).isEqualTo(chroot);
      assertThat(repeated.timeoutSeconds()).isEqualTo(18_000);
    }
    error(upload(f.owner, f.copr, Rpms.srpm(f.pkg, "1.0")), 409, "conflict");
  }

  @Test
  void onlyThoseWhoMayBuildInTheCoprResubmitOrBuildItsPackages() {
    Fixture f = fixture();
    String stranger = newUser("mallory");
    newCopr(stranger, List.of("fedora-40"), List.of("x86_64")); // an owner, of another copr
    String builder = newUser("bob");
    as(f.owner)
        .contentType(ContentType.JSON)
        .body(Map.of("username", builder, "permission", "builder"))
        .post("/coprs/{copr}/grant", f.copr)
        .then()
        .statusCode(200);

    error(
        anonymous()
            .contentType(ContentType.JSON)
            .body("{}")
            .post("/builds/{id}/resubmit", f.build(0)),
        401,
        "unauthorized");
    error(resubmit(stranger, f.build(0), Map.of()), 403, "forbidden");
    error(buildPackage(stranger, f.copr, f.pkg, Map.of()), 403, "forbidden");
    resubmit(builder, f.build(0), Map.of()).then().statusCode(202);
    JsonPath byBuilder =
        buildPackage(builder, f.copr, f.pkg, Map.of()).then().statusCode(202).extract().jsonPath();
    assertThat(byBuilder.getList("builds.submitted_by")).containsOnly(builder);
  }

  @Test
  void refusalsNameWhatIsWrongAndChangeNothing() {
    Fixture f = fixture();
    error(resubmit(f.owner, Long.MAX_VALUE, Map.of()), 404, "not_found");
    error(buildPackage(f.owner, f.copr, "no-such-package", Map.of()), 404, "not_found");
    error(buildPackage(f.owner, "no-such-copr-" + f.copr, f.pkg, Map.of()), 404, "not_found");
    error(
        resubmit(f.owner, f.build(0), Map.of("chroots", List.of("fedora-41-x86_64"))),
        422,
        "invalid");
    error(resubmit(f.owner, f.build(0), Map.of("timeout", 0)), 422, "invalid");
    error(buildPackage(f.owner, f.copr, f.pkg, Map.of("timeout", 108_001)), 422, "invalid");
    error(resubmit(f.owner, f.build(0), Map.of("chroots", "fedora-40-x86_64")), 400, "bad_request");

    assertThat(
            as(f.owner)
                .get("/coprs/{copr}/builds", f.copr)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getInt("total"))
        .isEqualTo(2);
  }

  @Test
  void aPackagesCurrentSourceIsItsNewestSrpmBuiltInTheChrootsAskedForWithTheTimeoutAskedFor() {
    Fixture f = fixture();
    upload(f.owner, f.copr, Rpms.srpm(f.pkg, "2.0")).then().statusCode(202);

    JsonPath all =
        buildPackage(f.owner, f.copr, f.pkg, Map.of()).then().statusCode(202).extract().jsonPath();
    JsonPath one =
        buildPackage(
                f.owner,
                f.copr,
                f.pkg,
                Map.of("chroots", List.of("fedora-40-x86_64"), "timeout", 600))
            .then()
            .statusCode(202)
            .extract()
            .jsonPath();

    assertThat(all.getList("builds.chroot")).containsExactlyElementsOf(BOTH);
    assertThat(all.getList("builds.evr")).containsOnly("2.0-1");
    assertThat(all.getList("builds.timeout")).containsOnly(18_000);
    assertThat(one.getList("builds.chroot")).containsExactly("fedora-40-x86_64");
    assertThat(one.getInt("builds[0].timeout")).isEqualTo(600);
    try (TopicProbe probe =
        new TopicProbe(KafkaBroker.shared().bootstrapServers(), Topics.BUILDS_REQUESTED)) {
      assertThat(requested(probe, one.getLong("builds[0].id")).timeoutSeconds()).isEqualTo(600);
    }
  }

  @Test
  void aVersionWhoseSrpmIsNoLongerKeptIsRefusedWithWhatToDo() throws Exception {
    Fixture f = fixture();
    String sha256 = f.upload.getString("package.versions[0].srpm_sha256");
    Files.delete(storage.layout().srpm(sha256));

    error(resubmit(f.owner, f.build(0), Map.of()), 409, "conflict")
        .body("detail", org.hamcrest.Matchers.containsString("raise its release and upload it"));
  }

  @Test
  void aCoprsTimeoutIsItsBuildsUnlessARequestAsksForItsOwn() {
    String owner = newUser("carol");
    String copr = unique("copr");
    Response created =
        as(owner)
            .contentType(ContentType.JSON)
            .body(Map.of("name", copr, "releases", List.of("fedora-40"), "timeout", 600))
            .post("/coprs");
    created.then().statusCode(201);
    assertThat(created.jsonPath().getInt("timeout")).isEqualTo(600);
    JsonPath made =
        upload(owner, copr, Rpms.srpm(unique("pkg"), "1.0"))
            .then()
            .statusCode(202)
            .extract()
            .jsonPath();
    assertThat(made.getInt("builds[0].timeout")).isEqualTo(600);

    as(owner)
        .contentType(ContentType.JSON)
        .body(Map.of("timeout", 1200))
        .put("/coprs/{copr}", copr)
        .then()
        .statusCode(200);
    JsonPath rebuilt =
        resubmit(owner, made.getLong("builds[0].id"), Map.of())
            .then()
            .statusCode(202)
            .extract()
            .jsonPath();

    assertThat(rebuilt.getInt("builds[0].timeout")).isEqualTo(1200);
    try (TopicProbe probe =
        new TopicProbe(KafkaBroker.shared().bootstrapServers(), Topics.BUILDS_REQUESTED)) {
      assertThat(requested(probe, made.getLong("builds[0].id")).timeoutSeconds()).isEqualTo(600);
      assertThat(requested(probe, rebuilt.getLong("builds[0].id")).timeoutSeconds())
          .isEqualTo(1200);
    }
    assertThat(as(owner).get("/coprs/{copr}", copr).jsonPath().getInt("timeout")).isEqualTo(1200);
    String other = unique("copr");
    error(
        as(owner)
            .contentType(ContentType.JSON)
            .body(Map.of("name", other, "releases", List.of("fedora-40"), "timeout", 0))
            .post("/coprs"),
        422,
        "invalid");
    error(
        as(owner)
            .contentType(ContentType.JSON)
            .body(Map.of("timeout", 108_001))
            .put("/coprs/{copr}", copr),
        422,
        "invalid");
    assertThat(as(owner).get("/coprs/{copr}", copr).jsonPath().getInt("timeout")).isEqualTo(1200);
    assertThat(anonymous().get("/coprs/{copr}", other).statusCode()).isEqualTo(404);
    JsonPath fresh =
        as(owner)
            .contentType(ContentType.JSON)
            .body(Map.of("name", other, "releases", List.of("fedora-40")))
            .post("/coprs")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertThat(fresh.getInt("timeout")).isEqualTo(18_000);
  }
}
