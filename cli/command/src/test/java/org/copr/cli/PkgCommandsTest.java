package org.copr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.copr.client.ApiServiceProcess;
import org.copr.client.BackendStandIn;
import org.copr.client.Build;
import org.copr.client.CoprClient;
import org.copr.client.CoprJson;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The four package commands, with real SRPMs, against the real api-service. */
class PkgCommandsTest {
  static Users users;
  @TempDir static Path dir;

  @BeforeAll
  static void users() {
    users = new Users();
  }

  static Path srpm(String name, String version) {
    return TestRpms.srpm(
        dir.resolve(name + "-" + version), name, version, TestRpms.Options.defaults());
  }

  @Test
  void createPkgNowaitUploadsAndPrintsTheBuilds() throws Exception {
    String copr = users.newCopr("pkg", "-r", "fedora-40,epel-9");

    CoprRun.Result text =
        users.alice().run("create-pkg", copr, srpm("hello", "1.0").toString(), "--nowait");

    assertThat(text.exit()).as(text.toString()).isEqualTo(0);
    assertThat(text.out())
        .startsWith("Uploaded hello 1.0-1 to copr " + copr + ": builds ")
        .contains("(fedora-40-x86_64)", "(epel-9-x86_64)");

    JsonNode json =
        CoprRun.json(
            users
                .alice()
                .run(
                    "create-pkg", copr, srpm("hello", "1.1").toString(), "--nowait", "-o", "json"));
    assertThat(json.get("package").get("versions").get(0).get("evr").asText()).isEqualTo("1.1-1");
    assertThat(json.get("builds").findValuesAsText("state")).containsOnly("pending");
  }

  @Test
  void createPkgPutsItsBuildsAfterOrWithAnotherBuild() throws Exception {
    String copr = users.newCopr("batch", "-r", "fedora-40");
    JsonNode first =
        CoprRun.json(
            users
                .alice()
                .run(
                    "create-pkg", copr, srpm("first", "1.0").toString(), "--nowait", "-o", "json"));
    String firstId = first.get("builds").get(0).get("id").asText();

    JsonNode after =
        CoprRun.json(
            users
                .alice()
                .run(
                    "create-pkg",
                    "--after-build-id",
                    firstId,
                    copr,
                    srpm("second", "1.0").toString(),
                    "--nowait",
                    "-o",
                    "json"));
    JsonNode waiting = after.get("builds").get(0);
    assertThat(waiting.get("state").asText()).isEqualTo("waiting");
    JsonNode with =
        CoprRun.json(
            users
                .alice()
                .run(
                    "create-pkg",
                    "--with-build-id",
                    waiting.get("id").asText(),
                    copr,
                    srpm("third", "1.0").toString(),
                    "--nowait",
                    "-o",
                    "json"));
    assertThat(with.get("builds").get(0).get("batch_id")).isEqualTo(waiting.get("batch_id"));
    assertThat(with.get("builds").get(0).get("state").asText()).isEqualTo("waiting");

    CoprRun.Result both =
        users
            .alice()
            .run(
                "create-pkg",
                "--after-build-id",
                firstId,
                "--with-build-id",
                firstId,
                copr,
                srpm("fourth", "1.0").toString());
    assertThat(both.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(both.err()).hasLineCount(1).contains("not both");
  }

  @Test
  void createPkgWaitsForTheBuildsAndExitsByTheirOutcome() throws Exception {
    String copr = users.newCopr("wait", "-r", "fedora-40,epel-9");
    BackendStandIn worker = new BackendStandIn(ApiServiceProcess.shared());
    CoprClient reader = new CoprClient(ApiServiceProcess.shared().url(), null, null);

    CompletableFuture<CoprRun.Result> waiting =
        CompletableFuture.supplyAsync(
            () ->
                users
                    .alice()
                    .run(
                        "create-pkg", copr, srpm("waited", "2.0").toString(), "--interval", "0.2"));
    List<Build> builds = awaitBuilds(reader, copr, 2);
    builds.forEach(worker::succeed);
    CoprRun.Result ok = waiting.get();

    assertThat(ok.exit()).as(ok.toString()).isEqualTo(0);
    assertThat(ok.out()).contains("Uploaded waited 2.0-1");
    for (Build b : builds) {
      assertThat(ok.out())
          .containsPattern("#" + b.id() + " +waited 2.0-1 +" + b.chroot() + " +succeeded");
    }

    CompletableFuture<CoprRun.Result> failing =
        CompletableFuture.supplyAsync(
            () ->
                users
                    .alice()
                    .run(
                        "create-pkg",
                        copr,
                        srpm("waited", "2.1").toString(),
                        "--interval",
                        "0.2",
                        "-o",
                        "json"));
    List<Build> next = awaitBuilds(reader, copr, 4).subList(0, 2);
    worker.succeed(next.get(0));
    worker.finish(next.get(1), worker.start(next.get(1), "oops\n"), false);
    CoprRun.Result failed = failing.get();

    assertThat(failed.exit()).as(failed.toString()).isEqualTo(ExitCode.BUILD_FAILED);
    JsonNode json = CoprJson.mapper().readTree(failed.out());
    assertThat(json.get("builds").findValuesAsText("state"))
        .containsExactlyInAnyOrder("succeeded", "failed");
  }

  static List<Build> awaitBuilds(CoprClient reader, String copr, int count)
      throws InterruptedException {
    for (int i = 0; i < 300; i++) {
      List<Build> builds = reader.buildList(copr);
      if (builds.size() >= count) {
        return builds;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + count + " builds in " + copr);
  }

  @Test
  void createPkgFailures() {
    String copr = users.newCopr("pkgfail", "-r", "fedora-40");

    CoprRun.Result noFile = users.alice().run("create-pkg", copr, "/nonexistent/x.src.rpm");
    assertThat(noFile.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(noFile.err()).isEqualTo("copr: cannot read the SRPM /nonexistent/x.src.rpm\n");

    CoprRun.Result notAnRpm = users.alice().run("create-pkg", copr, "pom.xml", "--nowait");
    assertThat(notAnRpm.exit()).isEqualTo(ExitCode.REJECTED);
    assertThat(notAnRpm.err()).startsWith("copr: ").hasLineCount(1);

    CoprRun.Result notAllowed =
        users.bob().run("create-pkg", copr, srpm("hello", "1.0").toString(), "--nowait");
    assertThat(notAllowed.exit()).isEqualTo(ExitCode.AUTH);

    CoprRun.Result noCopr =
        users
            .alice()
            .run("create-pkg", "no-such-copr-pkg", srpm("hello", "1.0").toString(), "--nowait");
    assertThat(noCopr.exit()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void listInfoAndDeletePackages() throws Exception {
    String copr = users.newCopr("pkgs", "-r", "fedora-40");
    assertThat(CoprRun.anonymous().run("list-pkgs", copr).out())
        .isEqualTo("No packages in copr " + copr + ".\n");
    users.alice().run("create-pkg", copr, srpm("alpha", "1.0").toString(), "--nowait");
    users.alice().run("create-pkg", copr, srpm("beta-long-name", "3.2").toString(), "--nowait");

    CoprRun.Result list = CoprRun.anonymous().run("list-pkgs", copr);
    assertThat(list.exit()).as(list.toString()).isEqualTo(0);
    String[] lines = list.out().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[0]).startsWith("NAME").contains("VERSION", "BUILDS", "SUMMARY");
    assertThat(lines[1].indexOf("1.0-1")).isEqualTo(lines[0].indexOf("VERSION"));
    assertThat(lines[2].indexOf("3.2-1")).isEqualTo(lines[0].indexOf("VERSION"));
    assertThat(list.out())
        .contains("fedora-40-x86_64:pending")
        .contains("alpha test package for Copr");

    JsonNode json = CoprRun.json(CoprRun.anonymous().run("list-pkgs", copr, "-o", "json"));
    assertThat(json.findValuesAsText("name")).containsExactlyInAnyOrder("alpha", "beta-long-name");

    CoprRun.Result info = CoprRun.anonymous().run("info-pkg", copr, "alpha");
    assertThat(info.exit()).isEqualTo(0);
    assertThat(info.out())
        .contains("name:    alpha")
        .contains("license: MIT")
        .contains("latest:  1.0-1")
        .contains("VERSION  UPLOADED")
        .contains(users.alice)
        .containsPattern("\\d+ +pending");
    assertThat(
            CoprRun.json(CoprRun.anonymous().run("info-pkg", copr, "alpha", "-o", "json"))
                .get("license")
                .asText())
        .isEqualTo("MIT");
    assertThat(CoprRun.anonymous().run("info-pkg", copr, "gamma").exit())
        .isEqualTo(ExitCode.NOT_FOUND);
    assertThat(CoprRun.anonymous().run("list-pkgs", "no-such-copr-list").exit())
        .isEqualTo(ExitCode.NOT_FOUND);

    assertThat(users.bob().run("delete-pkg", copr, "alpha").exit()).isEqualTo(ExitCode.AUTH);
    CoprRun.Result deleted = users.alice().run("delete-pkg", copr, "alpha");
    assertThat(deleted.exit()).as(deleted.toString()).isEqualTo(0);
    assertThat(deleted.out()).isEqualTo("Deleted package alpha from copr " + copr + ".\n");
    assertThat(CoprRun.anonymous().run("info-pkg", copr, "alpha").exit())
        .isEqualTo(ExitCode.NOT_FOUND);
    assertThat(users.alice().run("delete-pkg", copr, "alpha").exit()).isEqualTo(ExitCode.NOT_FOUND);
  }
}
