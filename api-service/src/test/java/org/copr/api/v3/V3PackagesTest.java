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
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.copr.api.Api;
import org.copr.api.Rpms;
import org.copr.api.build.BuildProgress;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.Topics;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/** /api_3/package, /api_3/monitor and build deletion as copr-cli and python-copr call them. */
@QuarkusTest
class V3PackagesTest {
  @Inject BuildProgress progress;

  private record Project(V3Clients.Login owner, String name) {}

  private static Project project() {
    V3Clients.Login owner = V3Clients.newLogin("v3p");
    return new Project(
        owner, Api.newCopr(owner.username(), List.of("fedora-40"), List.of("x86_64")));
  }

  private static long upload(Project p, String pkg, String version) {
    return V3Builds.upload(
            p.owner(), Rpms.srpm(pkg, version), V3Builds.buildopts(p.owner().username(), p.name()))
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("id");
  }

  /** The one chroot's build of a v3 build, moved to succeeded. */
  private long succeed(Project p, String pkg, long id) {
    long b = V3Builds.chrootBuilds(p.owner().username(), p.name(), id).get("fedora-40-x86_64");
    V3Builds.Progress events = new V3Builds.Progress(progress, p.name(), pkg);
    Instant now = Instant.now();
    events.started(b, "fedora-40-x86_64", now);
    events.finished(
        b,
        "fedora-40-x86_64",
        true,
        List.of(V3Builds.rpm(pkg + ".noarch.rpm", pkg, null, "noarch")),
        now);
    events.published(b, "fedora-40-x86_64", now);
    return b;
  }

  @Test
  void aPackageWithItsLatestBuildsAsGetPackageAsksForThem() {
    Project p = project();
    String pkg = Api.unique("pk");
    long first = upload(p, pkg, "1.0");
    succeed(p, pkg, first);
    long second = upload(p, pkg, "2.0");
    String get = "/api_3/package?ownername={o}&projectname={p}&packagename={n}";
    JsonPath got =
        V3Clients.plain()
            .get(
                get + "&with_latest_build=True&with_latest_succeeded_build=True",
                p.owner().username(),
                p.name(),
                pkg)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(got.getMap(""))
        .containsOnlyKeys(
            "id",
            "name",
            "ownername",
            "projectname",
            "source_type",
            "source_dict",
            "auto_rebuild",
            "builds");
    assertThat(got.getString("name")).isEqualTo(pkg);
    assertThat(got.getString("ownername")).isEqualTo(p.owner().username());
    assertThat(got.getString("projectname")).isEqualTo(p.name());
    assertThat(got.getString("source_type")).isEqualTo("upload");
    assertThat(got.getMap("source_dict")).isEmpty();
    assertThat(got.getBoolean("auto_rebuild")).isFalse();
    assertThat(got.getLong("builds.latest.id")).isEqualTo(second);
    assertThat(got.getString("builds.latest.state")).isEqualTo("pending");
    assertThat(got.getLong("builds.latest_succeeded.id")).isEqualTo(first);
    assertThat(got.getString("builds.latest_succeeded.source_package.version")).isEqualTo("1.0-1");

    V3Clients.plain()
        .get(get + "&with_latest_build=False", p.owner().username(), p.name(), pkg)
        .then()
        .statusCode(200)
        .body("builds.latest", nullValue())
        .body("builds.latest_succeeded", nullValue());
    V3Clients.plain()
        .get(get + "&with_latest_build=maybe", p.owner().username(), p.name(), pkg)
        .then()
        .statusCode(400);
  }

  @Test
  void listPagesByName() {
    Project p = project();
    String a = "a" + Api.unique("pk");
    String b = "b" + Api.unique("pk");
    upload(p, b, "1.0");
    upload(p, a, "1.0");
    String list = "/api_3/package/list?ownername={o}&projectname={p}";
    V3Clients.plain()
        .get(list + "&limit=1000", p.owner().username(), p.name())
        .then()
        .statusCode(200)
        .body("items.name", contains(b, a))
        .body("items[0].builds.latest", nullValue())
        .body("meta.limit", equalTo(1000))
        .body("meta.offset", equalTo(0));
    V3Clients.plain()
        .get(list + "&limit=1000&offset=1000", p.owner().username(), p.name())
        .then()
        .body("items", empty());
    V3Clients.plain()
        .get(list + "&order=name&limit=1&with_latest_build=True", p.owner().username(), p.name())
        .then()
        .body("items.name", contains(a))
        .body("items[0].builds.latest.source_package.name", equalTo(a));
  }

  @Test
  void sourcesOtherThanUploadsAreNotAvailableYet() {
    Project p = project();
    String path = "/api_3/package/{a}/{o}/{p}/hello/{t}";
    for (String action : List.of("add", "edit")) {
      for (String type : List.of("scm", "pypi", "rubygems", "custom", "distgit")) {
        p.owner()
            .authenticated()
            .contentType(ContentType.JSON)
            .body(Map.of("package_name", "hello"))
            .post(path, action, p.owner().username(), p.name(), type)
            .then()
            .statusCode(400)
            .body("error", startsWith("Packages with source type " + type + " are not available"));
      }
    }
    p.owner()
        .authenticated()
        .contentType(ContentType.JSON)
        .body(Map.of("package_name", "hello"))
        .post(path, "edit", p.owner().username(), p.name(), "None")
        .then()
        .statusCode(400)
        .body("error", equalTo("Unsupported package source type None"));
    p.owner()
        .authenticated()
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "ownername",
                p.owner().username(),
                "projectname",
                p.name(),
                "package_name",
                "hello"))
        .post("/api_3/package/build")
        .then()
        .statusCode(404)
        .body("error", equalTo("No package with name hello in copr " + p.name()));
  }

  /** copr-cli's {@code build-package <project> --name N [-r CHROOT] [--timeout S]}. */
  private static Map<String, Object> buildPackage(Project p, String pkg) {
    Map<String, Object> body = V3Builds.buildopts(p.owner().username(), p.name());
    body.put("package_name", pkg);
    return body;
  }

  @Test
  void packageBuildBuildsTheNewestSrpmAgainAsANewBuild() {
    V3Clients.Login owner = V3Clients.newLogin("v3pb");
    Project p =
        new Project(
            owner,
            Api.newCopr(owner.username(), List.of("fedora-40", "epel-9"), List.of("x86_64")));
    String pkg = Api.unique("pb");
    upload(p, pkg, "1.0");
    long second = upload(p, pkg, "2.0");

    JsonPath all =
        owner
            .authenticated()
            .contentType(ContentType.JSON)
            .body(buildPackage(p, pkg))
            .post("/api_3/package/build")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Object> some = buildPackage(p, pkg);
    some.put("chroots", List.of("fedora-*"));
    some.put("timeout", "3600");
    JsonPath one =
        owner
            .authenticated()
            .contentType(ContentType.JSON)
            .body(some)
            .post("/api_3/package/build")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    assertThat(all.getLong("id")).isGreaterThan(second);
    assertThat(all.getString("source_package.name")).isEqualTo(pkg);
    assertThat(all.getString("source_package.version")).isEqualTo("2.0-1");
    assertThat(all.getList("chroots")).containsExactly("epel-9-x86_64", "fedora-40-x86_64");
    assertThat(all.getString("state")).isEqualTo("pending");
    assertThat(all.getString("submitter")).isEqualTo(owner.username());
    assertThat(one.getList("chroots")).containsExactly("fedora-40-x86_64");
    long chrootBuild =
        V3Builds.chrootBuilds(owner.username(), p.name(), one.getLong("id"))
            .get("fedora-40-x86_64");
    assertThat(
            Api.as(owner.username()).get("/builds/{id}", chrootBuild).jsonPath().getInt("timeout"))
        .isEqualTo(3600);
  }

  @Test
  void packageBuildIsRefusedAsFedoraRefusesIt() {
    Project p = project();
    String pkg = Api.unique("pbr");
    upload(p, pkg, "1.0");
    V3Clients.Login stranger = V3Clients.newLogin("v3pbstranger");
    stranger
        .authenticated()
        .contentType(ContentType.JSON)
        .body(buildPackage(p, pkg))
        .post("/api_3/package/build")
        .then()
        .statusCode(403)
        .body(
            "error",
            equalTo(
                "User "
                    + stranger.username()
                    + " is not allowed to build in the copr: "
                    + p.owner().username()
                    + "/"
                    + p.name()));
    for (Object timeout : List.of(0, "108001", "an hour")) {
      Map<String, Object> body = buildPackage(p, pkg);
      body.put("timeout", timeout);
      p.owner()
          .authenticated()
          .contentType(ContentType.JSON)
          .body(body)
          .post("/api_3/package/build")
          .then()
          .statusCode(400)
          .body("error", startsWith("Bad request parameters: timeout:"));
    }
    Map<String, Object> noName = buildPackage(p, pkg);
    noName.remove("package_name");
    p.owner()
        .authenticated()
        .contentType(ContentType.JSON)
        .body(noName)
        .post("/api_3/package/build")
        .then()
        .statusCode(400)
        .body("error", equalTo("Missing argument package_name"));
    V3Clients.plain()
        .contentType(ContentType.JSON)
        .body(buildPackage(p, pkg))
        .post("/api_3/package/build")
        .then()
        .statusCode(401);
    assertThat(
            Api.as(p.owner().username())
                .get("/coprs/{copr}/builds", p.name())
                .jsonPath()
                .getInt("total"))
        .isEqualTo(1);
  }

  @Test
  void resetAndDeleteTakeTheirJsonBodies() {
    Project p = project();
    String pkg = Api.unique("del");
    upload(p, pkg, "1.0");
    Map<String, Object> body =
        Map.of("ownername", p.owner().username(), "projectname", p.name(), "package_name", pkg);
    V3Clients.Login stranger = V3Clients.newLogin("v3stranger");
    stranger
        .authenticated()
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api_3/package/reset")
        .then()
        .statusCode(403);
    p.owner()
        .authenticated()
        .contentType(ContentType.JSON)
        .body(body)
        .put("/api_3/package/reset")
        .then()
        .statusCode(200)
        .body("name", equalTo(pkg))
        .body("source_type", equalTo("upload"));
    stranger
        .authenticated()
        .contentType(ContentType.JSON)
        .body(body)
        .delete("/api_3/package/delete")
        .then()
        .statusCode(403);
    p.owner()
        .authenticated()
        .contentType(ContentType.JSON)
        .body(body)
        .delete("/api_3/package/delete")
        .then()
        .statusCode(200)
        .body("name", equalTo(pkg))
        .body("$", not(hasKey("error")));
    V3Clients.plain()
        .get(
            "/api_3/package?ownername={o}&projectname={p}&packagename={n}",
            p.owner().username(),
            p.name(),
            pkg)
        .then()
        .statusCode(404);
    p.owner()
        .authenticated()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api_3/package/delete")
        .then()
        .statusCode(404)
        .body("error", equalTo("No package with name " + pkg + " in copr " + p.name()));
  }

  @Test
  void monitorShowsEachPackagesNewestBuildPerChroot() {
    Project p = project();
    String pkg = Api.unique("mon");
    long first = upload(p, pkg, "1.0");
    long ours = succeed(p, pkg, first);
    String monitor = "/api_3/monitor?ownername={o}&projectname={p}";
    JsonPath m =
        V3Clients.plain()
            .get(
                monitor
                    + "&project_dirname={p}&additional_fields[]=url_build_log"
                    + "&additional_fields[]=url_build&additional_fields[]=url_backend_log",
                p.owner().username(),
                p.name(),
                p.name())
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(m.getString("output")).isEqualTo("ok");
    assertThat(m.getString("message")).isEqualTo("Project monitor request successful");
    assertThat(m.getList("packages.name")).containsExactly(pkg);
    Map<String, Object> chroot = m.getMap("packages[0].chroots.fedora-40-x86_64");
    assertThat(chroot)
        .containsEntry("state", "succeeded")
        .containsEntry("status", 1)
        .containsEntry("build_id", (int) first)
        .containsEntry("pkg_version", "1.0-1")
        .containsEntry("url_backend_log", null)
        .containsEntry(
            "url_build",
            "http://127.0.0.1:8083/repos/"
                + p.name()
                + "/fedora-40-x86_64/"
                + String.format("%08d", ours)
                + "-"
                + pkg
                + "/");
    assertThat((String) chroot.get("url_build_log")).endsWith("/builds/" + ours + "/log");

    long second = upload(p, pkg, "2.0");
    V3Clients.plain()
        .get(monitor, p.owner().username(), p.name())
        .then()
        .statusCode(200)
        .body("packages[0].chroots.fedora-40-x86_64.build_id", equalTo((int) second))
        .body("packages[0].chroots.fedora-40-x86_64.status", equalTo(4))
        .body("packages[0].chroots.fedora-40-x86_64", not(hasKey("url_build")));
    V3Clients.plain()
        .get(
            monitor + "&additional_fields[]=url_build&additional_fields[]=nope",
            p.owner().username(),
            p.name())
        .then()
        .statusCode(400)
        .body("error", equalTo("Wrong additional_fields argument(s): nope"));
  }

  @Test
  void aBuildCanceledMomentsAgoIsDeletedAsCoprCliDoesRightAfterItsCancel() {
    Project p = project();
    String pkg = Api.unique("quick");
    long running = upload(p, pkg, "1.0");
    long other = upload(p, pkg, "2.0");

    p.owner()
        .authenticated()
        .put("/api_3/build/cancel/{id}", running)
        .then()
        .statusCode(200)
        .body("state", equalTo("canceled"));
    p.owner().authenticated().delete("/api_3/build/delete/{id}", running).then().statusCode(200);

    V3Clients.plain().get("/api_3/build/{id}", running).then().statusCode(404);
    p.owner()
        .authenticated()
        .delete("/api_3/build/delete/{id}", other)
        .then()
        .statusCode(409)
        .body("error", startsWith("You can not delete build " + other + " which is not finished"));
    V3Clients.plain().get("/api_3/build/{id}", other).then().statusCode(200);
  }

  @Test
  void aFinishedBuildIsDeletedWithItsPublishedFolders() {
    Project p = project();
    String pkg = Api.unique("gone");
    long done = upload(p, pkg, "1.0");
    long ours = succeed(p, pkg, done);
    long open = upload(p, pkg, "2.0");
    V3Clients.Login stranger = V3Clients.newLogin("v3stranger");
    stranger.authenticated().delete("/api_3/build/delete/{id}", done).then().statusCode(403);
    p.owner()
        .authenticated()
        .delete("/api_3/build/delete/{id}", open)
        .then()
        .statusCode(409)
        .body("error", startsWith("You can not delete build " + open + " which is not finished"));

    p.owner()
        .authenticated()
        .delete("/api_3/build/delete/{id}", done)
        .then()
        .statusCode(200)
        .body("id", equalTo((int) done))
        .body("state", equalTo("succeeded"));
    V3Clients.plain().get("/api_3/build/{id}", done).then().statusCode(404);
    try (TopicProbe probe = new TopicProbe(KafkaBroker.shared().bootstrapServers(), Topics.COPRS)) {
      CoprEvent.BuildsDeleted removal =
          probe.awaitEvent(
              CoprEvent.BuildsDeleted.class,
              e -> e.copr().equals(p.name()),
              java.time.Duration.ofSeconds(60));
      assertThat(removal).isEqualTo(new CoprEvent.BuildsDeleted(p.name(), pkg, List.of(ours)));
    }

    p.owner().authenticated().put("/api_3/build/cancel/{id}", open).then().statusCode(200);
    V3Builds.chrootBuilds(p.owner().username(), p.name(), open)
        .values()
        .forEach(b -> new V3Builds.Progress(progress, p.name(), pkg).canceled(b, Instant.now()));
    p.owner()
        .authenticated()
        .contentType(ContentType.JSON)
        .body(Map.of("builds", List.of(open)))
        .post("/api_3/build/delete/list")
        .then()
        .statusCode(200)
        .body("builds", contains((int) open));
    V3Clients.plain().get("/api_3/build/{id}", open).then().statusCode(404);
    p.owner()
        .authenticated()
        .contentType(ContentType.JSON)
        .body(Map.of("builds", List.of(open)))
        .delete("/api_3/build/delete/list")
        .then()
        .statusCode(404)
        .body("error", equalTo("Build " + open + " does not exist."));
  }
}
