package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.copr.testing.Dnf;
import org.copr.testing.LibraryStack;
import org.copr.testing.Processes;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A packager's journey through the running system, as README's first command starts it: the real
 * {@code copr} command, builds by real build-workers (the bubblewrap sandbox), repositories
 * published by repo-worker, and real dnf installing from them. Then crashes of a worker and of the
 * scheduler.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER = "alice";
  private static final String PASSWORD = "alice-secret-1";

  private static Path work;
  private static Stack stack;

  @BeforeAll
  static void up() throws Exception {
    work = Files.createTempDirectory("copr-e2e-");
    stack = new Stack(work.resolve("stack"), 2);
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
  void aPackageUploadedWithTheCommandInstallsWithDnfFromTheCoprsRepoFile() throws Exception {
    ok(copr("create-copr", "tools", "--release", "fedora-40,epel-9", "--description", "my tools"));
    Path srpm =
        TestRpms.srpm(work.resolve("srpms"), "hello-tools", "1.0", TestRpms.Options.defaults());

    Processes.Result upload = copr("create-pkg", "tools", srpm.toString());

    assertThat(upload.exitCode()).as(upload.output()).isZero();
    assertThat(upload.output())
        .contains("fedora-40-x86_64")
        .contains("epel-9-x86_64")
        .contains("succeeded");
    Dnf dnf = dnfWith(work.resolve("root-tools"), "tools");
    // dnf checks the signature (gpgcheck=1) with the key the .repo file's gpgkey= names, which is
    // the key whose fingerprint the API shows for the copr.
    Processes.Result install = dnf.install("hello-tools");
    assertThat(install.exitCode()).as(install.output()).isZero();
    assertThat(install.output()).contains("Importing GPG key 0x" + keyId("tools"));
    assertThat(dnf.runInstalled("hello-tools")).isEqualTo("hello-tools 1.0");
  }

  @Test
  @Order(2)
  void aCoprThatDependsOnAnotherBuildsWithItsPackagesAndResolvesAgainstBoth() throws Exception {
    ok(copr("create-copr", "apps", "--release", "fedora-40", "--dependency", "tools"));
    ok(copr("create-copr", "lonely", "--release", "fedora-40"));
    // %build runs the BuildRequires, which only the dependency copr provides.
    String spec =
        TestRpms.spec(
                "hello-app",
                "2.0",
                TestRpms.Options.defaults().requires("hello-tools").buildRequires("hello-tools"))
            .replace("%build\n", "%build\nhello-tools\n");
    Path srpm = TestRpms.srpmFromSpec(work.resolve("srpms"), "hello-app", spec);

    ok(copr("create-pkg", "apps", srpm.toString()));
    Processes.Result lonely = copr("create-pkg", "lonely", srpm.toString());

    long built = buildIds("apps", "hello-app").get(0);
    Processes.Result log = copr("build-log", Long.toString(built));
    assertThat(log.output()).contains("hello-tools 1.0");
    assertThat(lonely.exitCode()).as(lonely.output()).isNotZero();
    JsonNode unresolved = build(buildIds("lonely", "hello-app").get(0));
    assertThat(unresolved.get("state").asText()).isEqualTo("failed");
    assertThat(unresolved.get("reason").asText())
        .isEqualTo("fetching BuildRequires failed: nothing provides hello-tools");
    Dnf dnf = dnfWith(work.resolve("root-apps"), "apps", "tools");
    Processes.Result install = dnf.install("hello-app");
    assertThat(install.exitCode()).as(install.output()).isZero();
    assertThat(install.output())
        .contains("Importing GPG key 0x" + keyId("apps"))
        .contains("Importing GPG key 0x" + keyId("tools"));
    assertThat(dnf.runInstalled("hello-app")).isEqualTo("hello-app 2.0");
    assertThat(dnf.runInstalled("hello-tools")).isEqualTo("hello-tools 1.0");
  }

  /**
   * A C library in one copr and an application in a copr that depends on it: the application's
   * buildroot has the library's -devel package and, by its Requires, the library, at the paths gcc,
   * pkg-config and rpm use; the build records them; without the dependency it fails before %build.
   */
  @Test
  @Order(2)
  void anApplicationBuildsAgainstALibraryFromTheCoprItDependsOn() throws Exception {
    ok(copr("create-copr", "libs", "--release", "fedora-40"));
    ok(copr("create-copr", "cstack", "--release", "fedora-40", "--dependency", "libs"));
    ok(copr("create-copr", "bare", "--release", "fedora-40"));
    Path srpms = work.resolve("srpms-c");
    ok(
        copr(
            "create-pkg",
            "libs",
            TestRpms.srpmFromSpec(srpms, "libhello", LibraryStack.libhello("1.0")).toString()));
    Path app = TestRpms.srpmFromSpec(srpms, "hello-app", LibraryStack.helloApp());

    ok(copr("create-pkg", "cstack", app.toString()));
    Processes.Result bare = copr("create-pkg", "bare", app.toString());

    long built = buildIds("cstack", "hello-app").get(0);
    assertThat(copr("build-log", Long.toString(built)).output())
        .contains("hello, hello-from-the-macro, from libhello 1.0");
    JsonNode buildroot =
        JSON.readTree(stack.api("GET", "/builds/" + built + "/buildroot", null, null, null).body());
    List<String> installed = new ArrayList<>();
    buildroot
        .get("packages")
        .forEach(p -> installed.add(p.get("nevra").asText() + " " + p.get("repo").asText()));
    assertThat(installed)
        .containsExactlyInAnyOrder(
            "libhello-1.0-1.x86_64 " + repoUrl("libs", "fedora-40"),
            "libhello-devel-1.0-1.x86_64 " + repoUrl("libs", "fedora-40"));
    assertThat(bare.exitCode()).as(bare.output()).isNotZero();
    assertThat(build(buildIds("bare", "hello-app").get(0)).get("reason").asText())
        .isEqualTo("fetching BuildRequires failed: nothing provides pkgconfig(libhello)");

    Path root = work.resolve("root-cstack");
    Dnf dnf = dnfWith(root, "cstack", "libs");
    Processes.Result install = dnf.install("hello-app");
    assertThat(install.exitCode()).as(install.output()).isZero();
    assertThat(install.output()).contains("libhello");
    String ran =
        Processes.check(
            work,
            Map.of("LD_LIBRARY_PATH", root.resolve("usr/lib64").toString()),
            List.of(root.resolve("usr/bin/hello-app").toString()));
    assertThat(ran.strip()).isEqualTo("hello, hello-from-the-macro, from libhello 1.0");
  }

  @Test
  @Order(3)
  void aFailingPackageEndsFailedWithItsLogReadable() throws Exception {
    Path srpm =
        TestRpms.srpm(
            work.resolve("srpms"), "broken-tool", "0.1", TestRpms.Options.defaults().failing());

    Processes.Result upload = copr("create-pkg", "tools", srpm.toString());

    assertThat(upload.exitCode()).as(upload.output()).isNotZero();
    assertThat(upload.output()).contains("failed");
    List<Long> ids = buildIds("tools", "broken-tool");
    assertThat(ids).hasSize(2);
    for (long id : ids) {
      assertThat(build(id).get("state").asText()).isEqualTo("failed");
      Processes.Result log = copr("build-log", Long.toString(id));
      assertThat(log.exitCode()).as(log.output()).isZero();
      assertThat(log.output()).contains("this package is meant to fail to build");
    }
  }

  @Test
  @Order(4)
  void deletingThePackageAndTheCoprTakesThemOutOfDnfsView() throws Exception {
    ok(copr("delete-pkg", "apps", "hello-app"));
    Dnf apps = dnfWith(work.resolve("root-deleted-pkg"), "apps", "tools");
    assertThat(apps.install("hello-app").exitCode()).isNotZero();
    assertInstalls(apps, "hello-tools");

    ok(copr("delete-copr", "apps"));
    ok(copr("delete-copr", "tools"));
    Dnf gone =
        new Dnf(work.resolve("root-deleted-copr"), "40")
            .repo("tools", repoUrl("tools", "fedora-40"));
    assertThat(gone.install("hello-tools").exitCode()).isNotZero();
    assertThat(copr("info-copr", "tools").exitCode()).isEqualTo(4);
  }

  @Test
  @Order(5)
  void buildsSurviveAWorkerAndTheSchedulerBeingKilled() throws Exception {
    ok(copr("create-copr", "crashes", "--release", "fedora-40"));
    String slowSpec =
        TestRpms.spec("slow-one", "1.0", TestRpms.Options.defaults())
            .replace("%build\n", "%build\nsleep 10\necho ten seconds in\nsleep 10\n");
    Path slow = TestRpms.srpmFromSpec(work.resolve("srpms"), "slow-one", slowSpec);
    ok(copr("create-pkg", "--nowait", "crashes", slow.toString()));
    long slowBuild = buildIds("crashes", "slow-one").get(0);

    // Ten seconds into the build: long after the worker's consumer committed the dispatch.
    Path slowLog = stack.storage().resolve("logs/" + slowBuild + "/build-1.log");
    Awaitility.await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> Files.exists(slowLog) && Files.readString(slowLog).contains("ten seconds in"));
    String worker = build(slowBuild).get("worker_id").asText();
    stack.kill9(worker);

    String first = "queued-1";
    ok(copr("create-pkg", "--nowait", "crashes", queuedSrpm(first).toString()));
    // The same worker id comes back as a new process, well within the worker timeout: only its
    // new incarnation tells the scheduler that slow-one's attempt is lost.
    stack.up();
    List<String> queued = new ArrayList<>(List.of(first));
    for (int i = 2; i <= 6; i++) {
      String name = "queued-" + i;
      ok(copr("create-pkg", "--nowait", "crashes", queuedSrpm(name).toString()));
      queued.add(name);
    }
    // Submitted while the worker was down, it went to the other worker at once, not after a
    // consumer group's session timeout (45 s) to whichever worker Kafka chose.
    long firstQueued = buildIds("crashes", first).get(0);
    Awaitility.await()
        .atMost(Duration.ofMinutes(2))
        .until(() -> !build(firstQueued).path("started_at").isNull());
    JsonNode firstStart = build(firstQueued);
    assertThat(firstStart.get("worker_id").asText()).isNotEqualTo(worker);
    assertThat(
            Duration.between(
                Instant.parse(firstStart.get("submitted_at").asText()),
                Instant.parse(firstStart.get("started_at").asText())))
        .as("queued-1 waited for a worker: %s", firstStart)
        .isLessThan(Duration.ofSeconds(20));

    stack.kill9("scheduler-service");
    stack.up();

    List<Long> all = new ArrayList<>(List.of(slowBuild));
    for (String name : queued) {
      all.addAll(buildIds("crashes", name));
    }
    Awaitility.await()
        .atMost(Duration.ofMinutes(6))
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> all.stream().allMatch(JourneyTest::ended));
    for (long id : all) {
      JsonNode b = build(id);
      assertThat(b.get("state").asText()).as("build %s: %s", id, b).isEqualTo("succeeded");
    }
    assertThat(build(slowBuild).get("attempt").asInt()).isGreaterThanOrEqualTo(2);

    Path repo = stack.storage().resolve("repos/crashes/fedora-40-x86_64");
    for (long id : all) {
      try (Stream<Path> dirs = Files.list(repo)) {
        assertThat(
                dirs.filter(d -> d.getFileName().toString().startsWith(String.format("%08d-", id))))
            .as("published folders of build %s", id)
            .hasSize(1);
      }
    }
    Dnf dnf = dnfWith(work.resolve("root-crashes"), "crashes");
    Processes.Result list = dnf.run("repoquery", "--qf", "%{name}", "--available");
    List<String> names =
        list.output()
            .lines()
            .filter(l -> l.startsWith("slow-") || l.startsWith("queued-"))
            .toList();
    assertThat(names)
        .containsExactlyInAnyOrder(
            "slow-one", "queued-1", "queued-2", "queued-3", "queued-4", "queued-5", "queued-6");
  }

  /** A package whose %build takes two seconds. */
  private static Path queuedSrpm(String name) {
    String spec =
        TestRpms.spec(name, "1.0", TestRpms.Options.defaults())
            .replace("%build\n", "%build\nsleep 2\n");
    return TestRpms.srpmFromSpec(work.resolve("srpms"), name, spec);
  }

  private static boolean ended(long id) {
    try {
      return List.of("succeeded", "failed", "canceled").contains(build(id).get("state").asText());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Processes.Result copr(String... args) {
    return stack.copr(USER, PASSWORD, args);
  }

  private static void ok(Processes.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  private static void assertInstalls(Dnf dnf, String pkg) {
    Processes.Result r = dnf.install(pkg);
    assertThat(r.exitCode()).as(r.output()).isZero();
  }

  /**
   * The short key id (last 8 hex digits) of the copr's signing key, from {@code gpg_fingerprint}
   * (repo-worker announces it moments after the copr is created).
   */
  private static String keyId(String copr) {
    String[] fingerprint = new String[1];
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () -> {
              JsonNode c =
                  JSON.readTree(stack.api("GET", "/coprs/" + copr, null, null, null).body());
              fingerprint[0] = c.path("gpg_fingerprint").asText(null);
              return fingerprint[0] != null;
            });
    assertThat(fingerprint[0]).matches("[0-9A-F]{40}");
    return fingerprint[0].substring(32);
  }

  /** A dnf root with the .repo files the API hands out for the coprs' fedora-40 release. */
  private static Dnf dnfWith(Path root, String... coprs) throws Exception {
    Dnf dnf = new Dnf(root, "40");
    for (String c : coprs) {
      HttpResponse<String> repoFile =
          stack.api("GET", "/coprs/" + c + "/repo/fedora-40.repo", null, null, null);
      assertThat(repoFile.statusCode()).as(repoFile.body()).isEqualTo(200);
      assertThat(repoFile.body()).contains("gpgcheck=1\n").doesNotContain("gpgcheck=0");
      dnf.repoFile(repoFile.body());
    }
    return dnf;
  }

  private static String repoUrl(String copr, String release) {
    return stack.repoUrl() + "/" + copr + "/" + release + "-x86_64/";
  }

  private static List<Long> buildIds(String copr, String pkg) throws Exception {
    JsonNode page =
        JSON.readTree(
            stack.api("GET", "/coprs/" + copr + "/builds?package=" + pkg, null, null, null).body());
    List<Long> ids = new ArrayList<>();
    page.get("items").forEach(b -> ids.add(b.get("id").asLong()));
    return ids;
  }

  private static JsonNode build(long id) throws Exception {
    return JSON.readTree(stack.api("GET", "/builds/" + id, null, null, null).body());
  }
}
