package org.copr.api.v3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.copr.api.Api;
import org.copr.api.Rpms;
import org.copr.api.build.BuildProgress;
import org.copr.contracts.BuildStatus;
import org.junit.jupiter.api.Test;

/** /api_3/build and /api_3/build-chroot as copr-cli, python-copr and Packit call them. */
@QuarkusTest
class V3BuildsTest {
  private static final String REPOS = "http://127.0.0.1:8083/repos/";
  private static final List<String> TWO = List.of("epel-9-x86_64", "fedora-40-x86_64");

  @Inject BuildProgress progress;

  private record Project(V3Clients.Login owner, String name) {}

  private static Project project() {
    V3Clients.Login owner = V3Clients.newLogin("v3b");
    String name = Api.newCopr(owner.username(), List.of("fedora-40", "epel-9"), List.of("x86_64"));
    return new Project(owner, name);
  }

  private static JsonPath upload(Project p, Path srpm) {
    return V3Builds.upload(p.owner(), srpm, V3Builds.buildopts(p.owner().username(), p.name()))
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .extract()
        .jsonPath();
  }

  @Test
  void anUploadAsPythonCoprSendsItBuildsEveryChrootAndIsOneBuild() {
    Project p = project();
    String pkg = Api.unique("hello");
    JsonPath made = upload(p, Rpms.srpm(pkg, "1.0"));
    long id = made.getLong("id");
    for (JsonPath b :
        List.of(
            made,
            V3Clients.plain()
                .get("/api_3/build/{id}", id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath())) {
      assertThat(b.getMap("")).doesNotContainKey("error");
      assertThat(b.getMap(""))
          .containsOnlyKeys(
              "id",
              "state",
              "ownername",
              "projectname",
              "project_dirname",
              "repo_url",
              "source_package",
              "submitted_on",
              "started_on",
              "ended_on",
              "submitter",
              "chroots",
              "is_background");
      assertThat(b.getLong("id")).isEqualTo(id);
      assertThat(b.getString("state")).isEqualTo("pending");
      assertThat(b.getString("ownername")).isEqualTo(p.owner().username());
      assertThat(b.getString("projectname")).isEqualTo(p.name());
      assertThat(b.getString("project_dirname")).isEqualTo(p.name());
      assertThat(b.getString("repo_url")).isEqualTo(REPOS + p.name());
      assertThat(b.getMap("source_package"))
          .containsEntry("name", pkg)
          .containsEntry("version", "1.0-1")
          .containsEntry("url", null);
      assertThat(b.get("submitted_on") instanceof Integer).isTrue();
      assertThat(b.getLong("submitted_on"))
          .isBetween(Instant.now().getEpochSecond() - 120, Instant.now().getEpochSecond() + 5);
      assertThat((Object) b.get("started_on")).isNull();
      assertThat((Object) b.get("ended_on")).isNull();
      assertThat(b.getString("submitter")).isEqualTo(p.owner().username());
      assertThat(b.getList("chroots")).isEqualTo(TWO);
      assertThat(b.getBoolean("is_background")).isFalse();
    }
    assertThat(V3Builds.chrootBuilds(p.owner().username(), p.name(), id)).containsOnlyKeys(TWO);
  }

  @Test
  void packitsUploadAndAnAnonymousOne() {
    Project p = project();
    Map<String, Object> packit = new java.util.LinkedHashMap<>();
    packit.put("ownername", p.owner().username());
    packit.put("projectname", p.name());
    packit.put("project_dirname", null);
    packit.put("enable_net", false);
    JsonPath made =
        V3Builds.upload(p.owner(), Rpms.srpm(Api.unique("packit"), "1.0"), packit)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(made.getList("chroots")).isEqualTo(TWO);
    assertThat(made.getString("state")).isEqualTo("pending");

    new V3Clients.Login(p.owner().username(), "wrong-token")
        .authenticated()
        .multiPart("pkgs", Rpms.srpm(Api.unique("anon"), "1.0").toFile(), "application/x-rpm")
        .multiPart("json", "json", V3Builds.toJson(packit).getBytes(), "application/json")
        .post("/api_3/build/create/upload")
        .then()
        .statusCode(401)
        .body("error", startsWith("Login invalid/expired."));
  }

  @Test
  void chrootsArePatternsLessTheExcludedOnesAndNoMatchIsRefused() {
    Project p = project();
    Map<String, Object> json = V3Builds.buildopts(p.owner().username(), p.name());
    json.put("chroots", List.of("*-x86_64"));
    json.put("exclude_chroots", List.of("epel-*"));
    json.put("timeout", "3600");
    json.put("enable_net", true);
    JsonPath made =
        V3Builds.upload(p.owner(), Rpms.srpm(Api.unique("pat"), "1.0"), json)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(made.getList("chroots")).containsExactly("fedora-40-x86_64");
    assertThat(V3Builds.chrootBuilds(p.owner().username(), p.name(), made.getLong("id")))
        .containsOnlyKeys("fedora-40-x86_64");

    String nothing = Api.unique("nothing");
    json.put("chroots", List.of("fedora-41-*"));
    json.remove("exclude_chroots");
    V3Builds.upload(p.owner(), Rpms.srpm(nothing, "1.0"), json)
        .then()
        .statusCode(400)
        .body("error", startsWith("Bad request parameters: chroots: 'fedora-41-*'"));
    json.put("chroots", List.of("epel-9-x86_64"));
    json.put("exclude_chroots", List.of("epel-9-x86_64"));
    V3Builds.upload(p.owner(), Rpms.srpm(nothing, "1.0"), json)
        .then()
        .statusCode(400)
        .body("error", startsWith("Bad request parameters: no chroot of"));
    json.remove("exclude_chroots");
    json.put("after_build_id", made.getLong("id"));
    json.put("with_build_id", made.getLong("id"));
    V3Builds.upload(p.owner(), Rpms.srpm(nothing, "1.0"), json)
        .then()
        .statusCode(400)
        .body("error", startsWith("You may either build after build ID, or with build id"));
    json.remove("with_build_id");
    json.put("after_build_id", "the first");
    V3Builds.upload(p.owner(), Rpms.srpm(nothing, "1.0"), json)
        .then()
        .statusCode(400)
        .body("error", startsWith("Bad request parameters: after_build_id: 'the first'"));
    json.remove("after_build_id");
    json.put("timeout", "an hour");
    V3Builds.upload(p.owner(), Rpms.srpm(nothing, "1.0"), json).then().statusCode(400);
    V3Clients.plain()
        .get(
            "/api_3/package?ownername={o}&projectname={p}&packagename={n}",
            p.owner().username(),
            p.name(),
            nothing)
        .then()
        .statusCode(404)
        .body("error", equalTo("No package with name " + nothing + " in copr " + p.name()));
  }

  /** copr-cli's {@code build --after-build-id N} and {@code --with-build-id N}. */
  @Test
  void afterAndWithBuildIdMakeBatchesOfV3Builds() {
    Project p = project();
    String pkg = Api.unique("lib");
    long lib = upload(p, Rpms.srpm(pkg, "1.0")).getLong("id");
    Map<String, Object> json = V3Builds.buildopts(p.owner().username(), p.name());
    json.put("after_build_id", Long.toString(lib));
    p.owner()
        .authenticated()
        .contentType(ContentType.JSON)
        .body(V3Builds.toJson(json))
        .post("/api_3/build/check-before-build")
        .then()
        .statusCode(200)
        .body("message", startsWith("It should be safe"));
    JsonPath app =
        V3Builds.upload(p.owner(), Rpms.srpm(Api.unique("app"), "1.0"), json)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(app.getString("state")).isEqualTo("waiting");
    json.remove("after_build_id");
    json.put("with_build_id", app.getLong("id"));
    long tool =
        V3Builds.upload(p.owner(), Rpms.srpm(Api.unique("tool"), "1.0"), json)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getLong("id");
    V3Clients.plain()
        .get("/api_3/build-chroot/{id}/epel-9-x86_64", tool)
        .then()
        .statusCode(200)
        .body("state", equalTo("waiting"));

    V3Builds.Progress events = new V3Builds.Progress(progress, p.name(), pkg);
    V3Builds.chrootBuilds(p.owner().username(), p.name(), lib)
        .values()
        .forEach(b -> events.canceled(b, Instant.now()));
    for (long id : List.of(app.getLong("id"), tool)) {
      V3Clients.plain()
          .get("/api_3/build/{id}", id)
          .then()
          .statusCode(200)
          .body("state", equalTo("pending"));
    }
    json.put("with_build_id", lib);
    V3Builds.upload(p.owner(), Rpms.srpm(Api.unique("late"), "1.0"), json)
        .then()
        .statusCode(409)
        .body("error", startsWith("the batch "));
    json.put("with_build_id", 999_999_999);
    V3Builds.upload(p.owner(), Rpms.srpm(Api.unique("none"), "1.0"), json)
        .then()
        .statusCode(400)
        .body("error", equalTo("with_build_id: there is no build 999999999"));
  }

  @Test
  void theBuildsStateComesFromItsChrootsAsFedoraDerivesIt() {
    Project p = project();
    String pkg = Api.unique("states");
    long id = upload(p, Rpms.srpm(pkg, "1.0")).getLong("id");
    Map<String, Long> ours = V3Builds.chrootBuilds(p.owner().username(), p.name(), id);
    long epel = ours.get("epel-9-x86_64");
    long fedora = ours.get("fedora-40-x86_64");
    V3Builds.Progress events = new V3Builds.Progress(progress, p.name(), pkg);
    Instant t0 = Instant.parse("2026-12-01T10:00:00Z");

    events.started(fedora, "fedora-40-x86_64", t0);
    assertBuild(id, "running", t0.getEpochSecond(), null);
    assertChroot(id, "fedora-40-x86_64", "running", t0.getEpochSecond(), null, null);
    assertChroot(id, "epel-9-x86_64", "pending", null, null, null);

    String srpm = pkg + "-1.0-1.src.rpm";
    events.finished(
        fedora,
        "fedora-40-x86_64",
        true,
        List.of(
            V3Builds.rpm(pkg + "-1.0-1.noarch.rpm", pkg, null, "noarch"),
            V3Builds.rpm(srpm, pkg, null, "src")),
        t0.plusSeconds(60));
    assertChroot(id, "fedora-40-x86_64", "running", t0.getEpochSecond(), null, null);
    events.published(fedora, "fedora-40-x86_64", t0.plusSeconds(90));
    String fedoraResult =
        REPOS + p.name() + "/fedora-40-x86_64/" + String.format("%08d", fedora) + "-" + pkg + "/";
    assertChroot(
        id,
        "fedora-40-x86_64",
        "succeeded",
        t0.getEpochSecond(),
        t0.plusSeconds(90).getEpochSecond(),
        fedoraResult);
    JsonPath b = assertBuild(id, "pending", t0.getEpochSecond(), null);
    assertThat(b.getString("source_package.url")).isEqualTo(fedoraResult + srpm);
    V3Clients.plain()
        .get("/api_3/build/source-chroot/{id}", id)
        .then()
        .statusCode(200)
        .body("state", equalTo("succeeded"))
        .body("result_url", equalTo(fedoraResult));

    events.started(epel, "epel-9-x86_64", t0.plusSeconds(30));
    assertBuild(id, "running", t0.getEpochSecond(), null);
    events.finished(epel, "epel-9-x86_64", false, List.of(), t0.plusSeconds(200));
    assertBuild(id, "failed", t0.getEpochSecond(), t0.plusSeconds(200).getEpochSecond());
    assertChroot(
        id,
        "epel-9-x86_64",
        "failed",
        t0.plusSeconds(30).getEpochSecond(),
        t0.plusSeconds(200).getEpochSecond(),
        null);

    Map<String, Object> built =
        V3Clients.plain()
            .get("/api_3/build/built-packages/{id}", id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getMap("");
    assertThat(built).containsOnlyKeys(TWO);
    assertThat(built.get("epel-9-x86_64")).isEqualTo(Map.of("packages", List.of()));
    V3Clients.plain()
        .get("/api_3/build-chroot/built-packages?build_id={id}&chrootname=fedora-40-x86_64", id)
        .then()
        .statusCode(200)
        .body("packages.name", contains(pkg, pkg))
        .body("packages.arch", contains("noarch", "src"))
        .body("packages[0].version", equalTo("1.0"))
        .body("packages[0].release", equalTo("1"))
        .body("packages[0]", hasKey("epoch"))
        .body("packages[0].epoch", nullValue());

    long second = upload(p, Rpms.srpm(pkg, "2.0")).getLong("id");
    Map<String, Long> next = V3Builds.chrootBuilds(p.owner().username(), p.name(), second);
    events.started(next.get("epel-9-x86_64"), "epel-9-x86_64", t0);
    assertBuild(second, "running", t0.getEpochSecond(), null);
    for (Map.Entry<String, Long> c : next.entrySet()) {
      if (c.getKey().equals("fedora-40-x86_64")) {
        events.started(c.getValue(), c.getKey(), t0);
      }
      events.finished(
          c.getValue(),
          c.getKey(),
          true,
          List.of(V3Builds.rpm(pkg + "-2.0-1.noarch.rpm", pkg, 1, "noarch")),
          t0.plusSeconds(5));
      events.published(c.getValue(), c.getKey(), t0.plusSeconds(10));
    }
    assertBuild(second, "succeeded", t0.getEpochSecond(), t0.plusSeconds(10).getEpochSecond());

    long third = upload(p, Rpms.srpm(pkg, "3.0")).getLong("id");
    Map<String, Long> last = V3Builds.chrootBuilds(p.owner().username(), p.name(), third);
    events.canceled(last.get("epel-9-x86_64"), t0);
    assertBuild(third, "pending", null, null);
    events.canceled(last.get("fedora-40-x86_64"), t0.plusSeconds(3));
    assertBuild(third, "canceled", null, t0.plusSeconds(3).getEpochSecond());
  }

  @Test
  void aDispatchedBuildIsStarting() {
    Project p = project();
    String pkg = Api.unique("starting");
    long id = upload(p, Rpms.srpm(pkg, "1.0")).getLong("id");
    long b = V3Builds.chrootBuilds(p.owner().username(), p.name(), id).get("epel-9-x86_64");
    progress.apply(new BuildStatus.Dispatched(b, 1, "x86_64"), Instant.now());
    assertBuild(id, "starting", null, null);
    assertChroot(id, "epel-9-x86_64", "starting", null, null, null);
  }

  private static JsonPath assertBuild(long id, String state, Long startedOn, Long endedOn) {
    JsonPath b =
        V3Clients.plain().get("/api_3/build/{id}", id).then().statusCode(200).extract().jsonPath();
    assertThat(b.getString("state")).as("state of build %d", id).isEqualTo(state);
    assertThat(b.get("started_on") == null ? null : b.getLong("started_on")).isEqualTo(startedOn);
    assertThat(b.get("ended_on") == null ? null : b.getLong("ended_on")).isEqualTo(endedOn);
    return b;
  }

  private static void assertChroot(
      long id, String chroot, String state, Long startedOn, Long endedOn, String resultUrl) {
    for (String path :
        List.of(
            "/api_3/build-chroot?build_id=" + id + "&chrootname=" + chroot,
            "/api_3/build-chroot/" + id + "/" + chroot)) {
      JsonPath c = V3Clients.plain().get(path).then().statusCode(200).extract().jsonPath();
      assertThat(c.getMap(""))
          .containsOnlyKeys("name", "state", "started_on", "ended_on", "result_url");
      assertThat(c.getString("name")).isEqualTo(chroot);
      assertThat(c.getString("state")).isEqualTo(state);
      assertThat(c.get("started_on") == null ? null : c.getLong("started_on")).isEqualTo(startedOn);
      assertThat(c.get("ended_on") == null ? null : c.getLong("ended_on")).isEqualTo(endedOn);
      assertThat(c.getString("result_url")).isEqualTo(resultUrl);
    }
  }

  @Test
  void cancelAsksEveryUnfinishedChrootOnceAndOnlyBuildersMay() {
    Project p = project();
    long id = upload(p, Rpms.srpm(Api.unique("cancel"), "1.0")).getLong("id");
    V3Clients.Login stranger = V3Clients.newLogin("v3stranger");
    stranger
        .authenticated()
        .put("/api_3/build/cancel/{id}", id)
        .then()
        .statusCode(403)
        .body("error", equalTo("You are not allowed to cancel this build."));
    p.owner()
        .authenticated()
        .put("/api_3/build/cancel/{id}", id)
        .then()
        .statusCode(200)
        .body("id", equalTo((int) id))
        .body("state", equalTo("canceled"))
        .body("$", not(hasKey("error")));
    p.owner()
        .authenticated()
        .post("/api_3/build/cancel/{id}", id)
        .then()
        .statusCode(409)
        .body("error", equalTo("Cannot cancel build " + id));
    for (long b : V3Builds.chrootBuilds(p.owner().username(), p.name(), id).values()) {
      Api.as(p.owner().username())
          .get("/builds/{id}", b)
          .then()
          .statusCode(200)
          .body("cancel_requested_at", not(nullValue()));
    }
  }

  @Test
  void missingAndForeignBuildsAreNotFound() {
    V3Clients.plain()
        .get("/api_3/build/999999999")
        .then()
        .statusCode(404)
        .body("error", equalTo("Build 999999999 does not exist."));
    V3Clients.plain()
        .get("/api_3/build/99999999999999999999")
        .then()
        .statusCode(404)
        .body("error", equalTo("Build 99999999999999999999 does not exist."));
    V3Clients.plain()
        .get("/api_3/build/abc")
        .then()
        .statusCode(404)
        .body("error", equalTo("Such API endpoint doesn't exist"));
    V3Clients.plain()
        .get("/api_3/build/-1")
        .then()
        .statusCode(404)
        .body("error", equalTo("Such API endpoint doesn't exist"));

    Project p = project();
    long id = upload(p, Rpms.srpm(Api.unique("found"), "1.0")).getLong("id");
    V3Clients.plain()
        .get("/api_3/build-chroot?build_id={id}&chrootname=fedora-41-x86_64", id)
        .then()
        .statusCode(404)
        .body("error", equalTo("Build " + id + " was not submitted to fedora-41-x86_64 chroot."));
    V3Clients.plain()
        .get("/api_3/build-chroot?chrootname=x")
        .then()
        .statusCode(400)
        .body("error", equalTo("Missing argument build_id"));
    V3Clients.plain()
        .get("/api_3/build-chroot/list?build_id={id}&limit=1", id)
        .then()
        .statusCode(200)
        .body("items.name", contains("epel-9-x86_64"))
        .body("meta.limit", equalTo(1))
        .body("meta.offset", equalTo(0));
    V3Clients.plain()
        .get("/api_3/build-chroot/list/{id}?limit=1&offset=1", id)
        .then()
        .statusCode(200)
        .body("items.name", contains("fedora-40-x86_64"))
        .body("meta.offset", equalTo(1));
    V3Clients.plain()
        .get("/api_3/build-chroot/list?build_id={id}&limit=1000&offset=1000", id)
        .then()
        .statusCode(200)
        .body("items", empty());
  }

  @Test
  void onlyBuildersUploadAndTheProjectIsTheOwnersOne() {
    Project p = project();
    V3Clients.Login other = V3Clients.newLogin("v3other");
    Path srpm = Rpms.srpm(Api.unique("refused"), "1.0");
    V3Builds.upload(other, srpm, V3Builds.buildopts(p.owner().username(), p.name()))
        .then()
        .statusCode(403)
        .body(
            "error",
            equalTo(
                "User "
                    + other.username()
                    + " is not allowed to build in the copr: "
                    + p.owner().username()
                    + "/"
                    + p.name()));
    // the other user's name with this copr: no such project, though a copr of that name exists
    V3Builds.upload(other, srpm, V3Builds.buildopts(other.username(), p.name()))
        .then()
        .statusCode(404)
        .body(
            "error", equalTo("Project " + other.username() + "/" + p.name() + " does not exist."));
    p.owner()
        .authenticated()
        .contentType(ContentType.JSON)
        .body(V3Builds.buildopts(p.owner().username(), p.name()))
        .post("/api_3/build/check-before-build")
        .then()
        .statusCode(200)
        .body("message", equalTo("It should be safe to submit a build like this"));
    other
        .authenticated()
        .contentType(ContentType.JSON)
        .body(V3Builds.buildopts(p.owner().username(), p.name()))
        .post("/api_3/build/check-before-build")
        .then()
        .statusCode(403);

    upload(p, srpm);
    V3Builds.upload(p.owner(), srpm, V3Builds.buildopts(p.owner().username(), p.name()))
        .then()
        .statusCode(409)
        .body("$", hasKey("error"));
    V3Builds.upload(p.owner(), srpm, "{\"ownername\": \"" + "x".repeat(2 << 20) + "\"}")
        .then()
        .statusCode(413);
    V3Builds.upload(p.owner(), srpm, "[1, 2").then().statusCode(400);

    for (String source : List.of("url", "scm", "custom", "pypi", "rubygems", "distgit")) {
      p.owner()
          .authenticated()
          .contentType(ContentType.JSON)
          .body(V3Builds.buildopts(p.owner().username(), p.name()))
          .post("/api_3/build/create/" + source)
          .then()
          .statusCode(400)
          .body(
              "error", startsWith("Builds from " + source + " sources are not available here yet"));
    }
  }

  @Test
  void listPagesAsCoprCliAsksAndFilters() {
    Project p = project();
    String a = Api.unique("lista");
    long first = upload(p, Rpms.srpm(a, "1.0")).getLong("id");
    long second = upload(p, Rpms.srpm(a, "2.0")).getLong("id");
    long third = upload(p, Rpms.srpm(Api.unique("listb"), "1.0")).getLong("id");
    Project elsewhere = project();
    upload(elsewhere, Rpms.srpm(a, "1.0"));
    String list = "/api_3/build/list?ownername={o}&projectname={p}";
    V3Clients.plain()
        .get(list + "&limit=1000", p.owner().username(), p.name())
        .then()
        .statusCode(200)
        .body("items.id", contains((int) first, (int) second, (int) third))
        .body("meta.limit", equalTo(1000))
        .body("meta.offset", equalTo(0));
    V3Clients.plain()
        .get(list + "&limit=1000&offset=1000", p.owner().username(), p.name())
        .then()
        .statusCode(200)
        .body("items", empty())
        .body("meta.offset", equalTo(1000));
    V3Clients.plain()
        .get(list + "&limit=2&offset=1&order_type=DESC", p.owner().username(), p.name())
        .then()
        .body("items.id", contains((int) second, (int) first));
    V3Clients.plain()
        .get(list + "&packagename={n}", p.owner().username(), p.name(), a)
        .then()
        .body("items.id", contains((int) first, (int) second));
    V3Clients.plain()
        .get(list + "&status=succeeded", p.owner().username(), p.name())
        .then()
        .body("items", empty());
    V3Clients.plain()
        .get("/api_3/build/list?projectname={p}", p.name())
        .then()
        .statusCode(400)
        .body("error", equalTo("Missing argument ownername"));
  }
}
