package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.copr.testing.Dnf;
import org.copr.testing.Processes;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Building a stored SRPM again, the copr's build timeout and deleting a build, on the running
 * system: the real {@code copr} command, build-workers' sandbox with real rpmbuild, repo-worker and
 * real dnf.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RebuildTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER = "rita";
  private static final String PASSWORD = "rita-secret-12";
  private static final Pattern BUILD_IDS = Pattern.compile("(\\d+) \\(fedora-40-x86_64\\)");

  private static Path work;
  private static Stack stack;

  @BeforeAll
  static void up() throws Exception {
    work = Files.createTempDirectory("copr-e2e-rebuild-");
    stack = new Stack(work.resolve("stack"), 1);
    stack.up();
    stack.newUser(USER, PASSWORD);
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void aBuildThatFailedForAMissingBuildRequiresSucceedsWhenResubmittedOnceTheCoprProvidesIt()
      throws Exception {
    ok(copr("create-copr", "rebuilds", "--release", "fedora-40"));
    // %build runs the BuildRequires, which nothing provides until hello-lib is built in the copr
    String spec =
        TestRpms.spec(
                "hello-app",
                "1.0",
                TestRpms.Options.defaults().requires("hello-lib").buildRequires("hello-lib"))
            .replace("%build\n", "%build\nhello-lib\n");
    Path app = TestRpms.srpmFromSpec(work.resolve("srpms"), "hello-app", spec);

    Processes.Result failed = copr("create-pkg", "rebuilds", app.toString());
    assertThat(failed.exitCode()).as(failed.output()).isEqualTo(1);
    long first = onlyBuild(failed);
    assertThat(stack.build(first).get("reason").asText())
        .isEqualTo("fetching BuildRequires failed: nothing provides hello-lib");
    ok(
        copr(
            "create-pkg",
            "rebuilds",
            TestRpms.srpm(work.resolve("srpms"), "hello-lib", "1.0", TestRpms.Options.defaults())
                .toString()));

    Processes.Result resubmitted = copr("resubmit", Long.toString(first));

    assertThat(resubmitted.exitCode()).as(resubmitted.output()).isZero();
    assertThat(resubmitted.output())
        .contains("Resubmitted hello-app 1.0-1 in copr rebuilds")
        .contains("succeeded");
    long second = onlyBuild(resubmitted);
    assertThat(second).isNotEqualTo(first);
    assertThat(stack.build(first).get("state").asText()).isEqualTo("failed");
    Dnf dnf = dnfWith(work.resolve("root-rebuilt"), "rebuilds");
    Processes.Result install = dnf.install("hello-app");
    assertThat(install.exitCode()).as(install.output()).isZero();
    assertThat(dnf.runInstalled("hello-app")).isEqualTo("hello-app 1.0");
    assertThat(dnf.runInstalled("hello-lib")).isEqualTo("hello-lib 1.0");
  }

  @Test
  @Order(2)
  void buildPackageBuildsThePackagesNewestSrpmAgainAndWatchBuildFollowsIt() {
    Processes.Result started =
        copr(
            "build-package",
            "rebuilds",
            "--name",
            "hello-lib",
            "--nowait",
            "-r",
            "fedora-40-x86_64");

    assertThat(started.exitCode()).as(started.output()).isZero();
    assertThat(started.output()).contains("Building hello-lib 1.0-1 in copr rebuilds");
    long id = onlyBuild(started);
    Processes.Result watched = copr("watch-build", Long.toString(id));
    assertThat(watched.exitCode()).as(watched.output()).isZero();
    assertThat(watched.output()).contains("succeeded");
  }

  @Test
  @Order(3)
  void aBuildRunningPastItsCoprsTimeoutIsStoppedAndFailsWithTheTimeoutAsItsReason() {
    ok(copr("create-copr", "slow", "--release", "fedora-40", "--timeout", "30"));
    String spec =
        TestRpms.spec("slow-tool", "1.0", TestRpms.Options.defaults())
            .replace("%build\n", "%build\nsleep 600\n");
    Path srpm = TestRpms.srpmFromSpec(work.resolve("srpms"), "slow-tool", spec);

    Processes.Result upload = copr("create-pkg", "slow", srpm.toString());

    assertThat(upload.exitCode()).as(upload.output()).isEqualTo(1);
    JsonNode build = stack.build(onlyBuild(upload));
    assertThat(build.get("state").asText()).isEqualTo("failed");
    assertThat(build.get("timeout").asInt()).isEqualTo(30);
    // the step it stopped in (%build, unless a loaded machine was still setting up) and the timeout
    assertThat(build.get("reason").asText()).endsWith(" failed: the build timed out after 30s");
    Processes.Result log = copr("build-log", build.get("id").asText());
    assertThat(log.output()).contains("the build timed out after 30s");
  }

  @Test
  @Order(4)
  void deletingABuildTakesItsPackagesOutOfTheRepository() throws Exception {
    long appBuild =
        stack.build(succeededBuildOf("rebuilds", "hello-app")).get("submission_id").asLong();
    Dnf before = dnfWith(work.resolve("root-before-delete"), "rebuilds");
    assertThat(available(before)).contains("hello-app", "hello-lib");

    HttpResponse<String> deleted =
        stack.api("DELETE", "/api_3/build/delete/" + appBuild, null, USER, PASSWORD);

    assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
    Dnf after = dnfWith(work.resolve("root-after-delete"), "rebuilds");
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> !available(after).contains("hello-app"));
    assertThat(available(after)).contains("hello-lib");
    Processes.Result install = after.install("hello-app");
    assertThat(install.exitCode()).as(install.output()).isNotZero();
    Processes.Result lib = after.install("hello-lib");
    assertThat(lib.exitCode()).as(lib.output()).isZero();
  }

  private static long succeededBuildOf(String copr, String pkg) throws Exception {
    JsonNode page =
        JSON.readTree(
            stack
                .api(
                    "GET",
                    "/coprs/" + copr + "/builds?package=" + pkg + "&state=succeeded",
                    null,
                    null,
                    null)
                .body());
    return page.get("items").get(0).get("id").asLong();
  }

  /** The names dnf sees in the root's repositories now (its metadata fetched again). */
  private static List<String> available(Dnf dnf) {
    Processes.Result r = dnf.run("repoquery", "--refresh", "--qf", "%{name}", "--available");
    assertThat(r.exitCode()).as(r.output()).isZero();
    return List.of(r.output().split("\\s+"));
  }

  /** The one build a command's "builds N (fedora-40-x86_64)" line names. */
  private static long onlyBuild(Processes.Result r) {
    Matcher m = BUILD_IDS.matcher(r.output());
    List<Long> ids = new ArrayList<>();
    while (m.find()) {
      ids.add(Long.parseLong(m.group(1)));
    }
    assertThat(ids).as(r.output()).hasSize(1);
    return ids.get(0);
  }

  private static Processes.Result copr(String... args) {
    return stack.copr(USER, PASSWORD, args);
  }

  private static void ok(Processes.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  /** A dnf root with the .repo files the API hands out for the coprs' fedora-40 release. */
  private static Dnf dnfWith(Path root, String... coprs) throws Exception {
    Dnf dnf = new Dnf(root, "40");
    for (String c : coprs) {
      HttpResponse<String> repoFile =
          stack.api("GET", "/coprs/" + c + "/repo/fedora-40.repo", null, null, null);
      assertThat(repoFile.statusCode()).as(repoFile.body()).isEqualTo(200);
      dnf.repoFile(repoFile.body());
    }
    return dnf;
  }
}
