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
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build commands, with builds moved along by the worker stand-in on the real broker. */
class BuildCommandsTest {
  static Users users;
  static BackendStandIn worker;
  @TempDir static Path dir;

  @BeforeAll
  static void setUp() {
    users = new Users();
    worker = new BackendStandIn(ApiServiceProcess.shared());
  }

  /** A copr with one uploaded package and its builds (one per release). */
  static List<Build> upload(String copr, String releases) {
    assertThat(users.alice().run("create-copr", copr, "-r", releases).exit()).isEqualTo(0);
    Path srpm = TestRpms.srpm(dir.resolve(copr), "tool", "0.9", TestRpms.Options.defaults());
    assertThat(users.alice().run("create-pkg", copr, srpm.toString(), "--nowait").exit())
        .isEqualTo(0);
    return new CoprClient(ApiServiceProcess.shared().url(), null, null).buildList(copr);
  }

  @Test
  void listAndInfoBuilds() throws Exception {
    String copr = ApiServiceProcess.uniqueName("builds");
    List<Build> builds = upload(copr, "fedora-40,epel-9");

    CoprRun.Result list = CoprRun.anonymous().run("list-builds", copr);
    assertThat(list.exit()).as(list.toString()).isEqualTo(0);
    String[] lines = list.out().split("\n");
    assertThat(lines[0])
        .startsWith("ID")
        .contains("PACKAGE", "VERSION", "CHROOT", "STATE", "SUBMITTED");
    assertThat(lines).hasSize(3);
    for (int i = 1; i < 3; i++) {
      assertThat(lines[i].indexOf("pending")).isEqualTo(lines[0].indexOf("STATE"));
    }
    assertThat(list.out()).doesNotContain("\u001b[");

    JsonNode json =
        CoprRun.json(
            CoprRun.anonymous().run("list-builds", copr, "--package", "tool", "-o", "json"));
    assertThat(json.findValuesAsText("chroot"))
        .containsExactlyInAnyOrder("fedora-40-x86_64", "epel-9-x86_64");
    assertThat(CoprRun.anonymous().run("list-builds", copr, "--package", "other").out())
        .isEqualTo("No builds in copr " + copr + ".\n");

    long id = builds.get(0).id();
    CoprRun.Result info = CoprRun.anonymous().run("info-build", Long.toString(id));
    assertThat(info.exit()).isEqualTo(0);
    assertThat(info.out())
        .contains("id:           " + id)
        .contains("copr:         " + copr)
        .contains("package:      tool")
        .contains("version:      0.9-1")
        .contains("state:        pending")
        .contains("submitted by: " + users.alice);
    assertThat(
            CoprRun.json(CoprRun.anonymous().run("info-build", Long.toString(id), "-o", "json"))
                .get("id")
                .asLong())
        .isEqualTo(id);

    CoprRun.Result missing = CoprRun.anonymous().run("info-build", "999999999");
    assertThat(missing.exit()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(missing.err()).hasLineCount(1);
    assertThat(CoprRun.anonymous().run("info-build", "forty-two").exit()).isEqualTo(ExitCode.USAGE);
    assertThat(CoprRun.anonymous().run("list-builds", "no-such-copr-b").exit())
        .isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void watchBuildFollowsUntilEveryBuildEnds() throws Exception {
    List<Build> builds = upload(ApiServiceProcess.uniqueName("watch"), "fedora-40,epel-9");
    String first = Long.toString(builds.get(0).id());
    String second = Long.toString(builds.get(1).id());

    CompletableFuture<CoprRun.Result> watching =
        CompletableFuture.supplyAsync(
            () -> CoprRun.anonymous().run("watch-build", first, second, "--interval", "0.2"));
    int attempt = worker.start(builds.get(0), "compiling\n");
    worker.finish(builds.get(0), attempt, true);
    worker.succeed(builds.get(1));
    CoprRun.Result ok = watching.get();

    assertThat(ok.exit()).as(ok.toString()).isEqualTo(0);
    assertThat(ok.out()).containsPattern("#" + first + " +tool 0.9-1 +\\S+ +pending");
    assertThat(ok.out()).containsPattern("#" + first + " +tool 0.9-1 +\\S+ +succeeded");
    assertThat(ok.out()).containsPattern("#" + second + " +tool 0.9-1 +\\S+ +succeeded");

    List<Build> more = upload(ApiServiceProcess.uniqueName("watchfail"), "fedora-40");
    worker.finish(more.get(0), worker.start(more.get(0), "error\n"), false);
    CoprRun.Result failed =
        CoprRun.anonymous().run("watch-build", Long.toString(more.get(0).id()), "-o", "json");
    assertThat(failed.exit()).isEqualTo(ExitCode.BUILD_FAILED);
    assertThat(CoprRun.json(new CoprRun.Result(0, failed.out(), "")).get(0).get("state").asText())
        .isEqualTo("failed");

    List<Build> hostile = upload(ApiServiceProcess.uniqueName("watchwhy"), "fedora-40");
    worker.fail(
        hostile.get(0),
        worker.start(hostile.get(0), "error\n"),
        "%build failed: error: Bad exit status from /build/tmp/rpm-tmp.abc (%build)"
            + "\u001b]0;owned\u0007\u001b[2J\r\nforged");
    String hostileId = Long.toString(hostile.get(0).id());
    CoprRun.Result why = CoprRun.anonymous().run("watch-build", hostileId);
    assertThat(why.exit()).isEqualTo(ExitCode.BUILD_FAILED);
    assertThat(why.out())
        .containsPattern(
            "#"
                + hostileId
                + " +tool 0.9-1 +\\S+ +failed +\\(%build failed: error: Bad exit status from"
                + " /build/tmp/rpm-tmp.abc \\(%build\\) forged\\)\n")
        .doesNotContain("\u001b")
        .doesNotContain("owned");
    assertThat(CoprRun.anonymous().run("info-build", hostileId).out())
        .contains(
            "reason:       %build failed: error: Bad exit status from /build/tmp/rpm-tmp.abc"
                + " (%build) forged\n");

    assertThat(CoprRun.anonymous().run("watch-build", "999999998").exit())
        .isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void buildLogPrintsAndFollowsTheLog() throws Exception {
    List<Build> builds = upload(ApiServiceProcess.uniqueName("log"), "fedora-40");
    Build build = builds.get(0);
    String id = Long.toString(build.id());
    assertThat(CoprRun.anonymous().run("build-log", id).out()).isEmpty();

    int attempt = worker.start(build, "step 1\n");
    CoprRun.Result now = CoprRun.anonymous().run("build-log", id);
    assertThat(now.exit()).isEqualTo(0);
    assertThat(now.out()).isEqualTo("step 1\n");

    CompletableFuture<CoprRun.Result> following =
        CompletableFuture.supplyAsync(
            () -> CoprRun.anonymous().run("build-log", id, "--follow", "--interval", "0.2"));
    Thread.sleep(500);
    worker.appendLog(build, attempt, "step 2\n");
    Thread.sleep(500);
    worker.appendLog(build, attempt, "done\n");
    worker.finish(build, attempt, true);
    CoprRun.Result followed = following.get();
    assertThat(followed.exit()).as(followed.toString()).isEqualTo(0);
    assertThat(followed.out()).isEqualTo("step 1\nstep 2\ndone\n");

    assertThat(CoprRun.anonymous().run("build-log", "999999997").exit())
        .isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void aLogLongerThanOneAnswerIsPrintedWholeAndFollowedToItsEnd() throws Exception {
    List<Build> builds = upload(ApiServiceProcess.uniqueName("long-log"), "fedora-40");
    Build build = builds.get(0);
    String id = Long.toString(build.id());
    StringBuilder log = new StringBuilder();
    for (int i = 0; log.length() < 2_500_000; i++) {
      log.append("line ").append(i).append(" of a long build log\n");
    }

    int attempt = worker.start(build, log.toString());
    CoprRun.Result now = CoprRun.anonymous().run("build-log", id);
    assertThat(now.exit()).isEqualTo(0);
    assertThat(now.out()).isEqualTo(log.toString());

    worker.appendLog(build, attempt, "done\n");
    worker.finish(build, attempt, true);
    CoprRun.Result followed =
        CoprRun.anonymous().run("build-log", id, "--follow", "--interval", "0.2");
    assertThat(followed.exit()).isEqualTo(0);
    assertThat(followed.out()).isEqualTo(log + "done\n");
  }

  @Test
  void cancelBuild() throws Exception {
    List<Build> builds = upload(ApiServiceProcess.uniqueName("cancel"), "fedora-40,epel-9");
    String id = Long.toString(builds.get(0).id());

    CoprRun.Result notAllowed = users.bob().run("cancel-build", id);
    assertThat(notAllowed.exit()).isEqualTo(ExitCode.AUTH);

    CoprRun.Result requested = users.alice().run("cancel-build", id);
    assertThat(requested.exit()).as(requested.toString()).isEqualTo(0);
    assertThat(requested.out())
        .isEqualTo(
            "Build "
                + id
                + " will be canceled (it is pending; the scheduler or its worker stops it).\n");
    assertThat(CoprRun.anonymous().run("info-build", id).out())
        .containsPattern("cancel asked: +20");

    worker.confirmCancel(builds.get(0));
    CoprRun.Result ended = users.alice().run("cancel-build", id);
    assertThat(ended.exit()).isEqualTo(ExitCode.REJECTED);
    assertThat(ended.err()).contains("already ended").contains("409");
    assertThat(CoprRun.anonymous().run("watch-build", id).exit()).isEqualTo(ExitCode.BUILD_FAILED);

    String other = Long.toString(builds.get(1).id());
    JsonNode json = CoprRun.json(users.alice().run("cancel-build", other, "-o", "json"));
    assertThat(json.get("state").asText()).isEqualTo("pending");
    assertThat(json.get("cancel_requested_at").isNull()).isFalse();
    assertThat(users.alice().run("cancel-build", "999999996").exit()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void resubmitAndBuildPackageStartNewBuildsOfTheStoredSrpmAndFollowThem() throws Exception {
    String copr = ApiServiceProcess.uniqueName("rebuild");
    List<Build> builds = upload(copr, "fedora-40,epel-9");
    Build original = builds.get(0);
    CoprClient reader = new CoprClient(ApiServiceProcess.shared().url(), null, null);

    CoprRun.Result quick = users.alice().run("resubmit", Long.toString(original.id()), "--nowait");
    assertThat(quick.exit()).as(quick.toString()).isEqualTo(0);
    assertThat(quick.out())
        .startsWith("Resubmitted tool 0.9-1 in copr " + copr + ": builds ")
        .contains("(" + original.chroot() + ").");
    JsonNode some =
        CoprRun.json(
            users
                .alice()
                .run(
                    "build-package",
                    copr,
                    "--name",
                    "tool",
                    "-r",
                    "fedora-40-x86_64",
                    "--timeout",
                    "600",
                    "--nowait",
                    "-o",
                    "json"));
    assertThat(some.get("builds")).hasSize(1);
    assertThat(some.get("builds").get(0).get("chroot").asText()).isEqualTo("fedora-40-x86_64");
    assertThat(some.get("builds").get(0).get("timeout").asInt()).isEqualTo(600);
    int before = reader.buildList(copr).size();

    CompletableFuture<CoprRun.Result> waiting =
        CompletableFuture.supplyAsync(
            () -> users.alice().run("resubmit", Long.toString(original.id()), "--interval", "0.2"));
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos();
    while (reader.buildList(copr).size() == before && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    worker.succeed(reader.buildList(copr).get(0));
    CoprRun.Result followed = waiting.get();

    assertThat(followed.exit()).as(followed.toString()).isEqualTo(0);
    assertThat(followed.out()).containsPattern("tool 0.9-1 +" + original.chroot() + " +succeeded");
    assertThat(reader.buildInfo(original.id()).state().wire()).isEqualTo("pending");
    CoprRun.Result stranger = users.bob().run("resubmit", Long.toString(original.id()));
    assertThat(stranger.exit()).as(stranger.toString()).isEqualTo(ExitCode.AUTH);
    assertThat(stranger.err()).hasLineCount(1);
    assertThat(users.alice().run("resubmit", "999999999").exit()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(users.alice().run("build-package", copr, "--name", "other").exit())
        .isEqualTo(ExitCode.NOT_FOUND);
    CoprRun.Result tooShort =
        users.alice().run("build-package", copr, "--name", "tool", "--timeout", "0");
    assertThat(tooShort.exit()).as(tooShort.toString()).isEqualTo(ExitCode.REJECTED);
    assertThat(reader.buildList(copr)).hasSize(before + 1);
  }

  @Test
  void aCoprsTimeoutIsSetOnCreateAndEdit() throws Exception {
    String copr = ApiServiceProcess.uniqueName("timeout");
    assertThat(users.alice().run("create-copr", copr, "-r", "fedora-40", "--timeout", "900").exit())
        .isEqualTo(0);
    assertThat(CoprRun.anonymous().run("info-copr", copr).out()).contains("timeout:      900 s");

    assertThat(users.alice().run("edit-copr", copr, "--timeout", "1800").exit()).isEqualTo(0);

    assertThat(
            CoprRun.json(CoprRun.anonymous().run("info-copr", copr, "-o", "json"))
                .get("timeout")
                .asInt())
        .isEqualTo(1800);
    assertThat(users.alice().run("edit-copr", copr, "--timeout", "200000").exit())
        .isEqualTo(ExitCode.REJECTED);
  }
}
