package org.copr.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.copr.contracts.BuildSpec;
import org.copr.contracts.BuildStatus;
import org.copr.testing.SignedRepos;
import org.copr.testing.TestRpms;
import org.copr.testing.TopicProbe;
import org.copr.worker.config.ThisWorker;
import org.copr.worker.messaging.ControlConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile SRPMs, made here, built by the real worker with the sandbox backend (real bubblewrap,
 * rpmbuild and dnf): what a build can reach of the host, its limits, and its BuildRequires.
 */
@QuarkusTest
class SandboxTest {
  private static final String CHROOT = "fedora-40-x86_64";
  private static final Duration WAIT = Duration.ofSeconds(180);

  /** What the sandbox itself sets, or the shell and rpmbuild set in %build. */
  private static final Set<String> SANDBOX_ENV =
      Set.of("PATH", "HOME", "LC_ALL", "LANG", "TMPDIR", "PWD", "OLDPWD", "SHLVL", "_");

  @Inject ThisWorker worker;
  @Inject ControlConsumer control;

  @TestHTTPResource("/")
  URL api;

  TopicProbe status;

  @BeforeEach
  void listen() {
    status = new TopicProbe(Dispatches.bootstrap(), Dispatches.reports());
    await().atMost(WAIT).until(control::listening);
  }

  @AfterEach
  void close() {
    status.close();
  }

  @Test
  void aHostileBuildSeesNoOtherProcessNoSecretNoNetworkAndCannotWriteOutsideItsFolders()
      throws Exception {
    long id = Dispatches.nextId();
    String secret = "copr-secret-" + UUID.randomUUID();
    // A process of the host holding a secret in its environment, as api-service holds passwords.
    int seconds = 7000 + (int) (id % 1000);
    ProcessBuilder holder = new ProcessBuilder("sleep", Integer.toString(seconds));
    holder.environment().put("COPR_PROBE_PASSWORD", secret);
    Process secretHolder = holder.start();
    try {
      assertThat(Files.readString(Path.of("/proc/" + secretHolder.pid() + "/environ")))
          .as("the host itself can read it")
          .contains(secret);
      String broker = Dispatches.bootstrap().split(",")[0];
      int kafkaPort = Integer.parseInt(broker.substring(broker.lastIndexOf(':') + 1));
      // PostgreSQL, the test's Kafka broker, and this worker's own HTTP port: all answer the host.
      List<Integer> ports = List.of(5432, kafkaPort, api.getPort());
      for (int port : ports) {
        try (Socket s = new Socket()) {
          s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
      }
      Path repos = worker.storage().root().resolve("repos/copr-" + id);
      Files.createDirectories(repos);
      Files.setPosixFilePermissions(repos, PosixFilePermissions.fromString("rwxrwxrwx"));
      Path hostTmp = Path.of("/tmp/copr-probe-" + id);
      Path home = Path.of(System.getProperty("user.home"), "copr-probe-" + id);
      Path workerDir = worker.workDir().resolve("copr-probe-" + id);

      StringBuilder probes = new StringBuilder();
      probes.append("echo \"probe uid $(id -u)\"\n");
      probes.append(
          "for p in /proc/[0-9]*; do echo \"probe process $(tr '\\0' ' ' < $p/cmdline)\"; done\n");
      probes.append(
          "cat /proc/[0-9]*/environ 2>/dev/null | tr '\\0' '\\n' | sed 's/^/probe environ /'\n");
      probes.append("env | sed 's/^/probe env /'\n");
      for (int port : ports) {
        probes.append(
            String.format(
                "if bash -c 'exec 3<>/dev/tcp/127.0.0.1/%d' 2>/dev/null; then echo 'probe port %d"
                    + " open'; else echo 'probe port %d refused'; fi\n",
                port, port, port));
      }
      for (Path target : List.of(repos.resolve("evil"), hostTmp, home, workerDir)) {
        probes.append(
            String.format(
                "if touch %s 2>/dev/null; then echo 'probe wrote %s'; else echo 'probe cannot"
                    + " write %s'; fi\n",
                target, target, target));
      }
      String name = "nosy-" + id;
      Dispatches.dispatch(
          worker,
          id,
          CHROOT,
          name,
          TestRpms.spec(name, "1", TestRpms.Options.defaults())
              .replace("%build\n", "%build\n" + probes),
          0);

      var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);
      String log = Files.readString(worker.storage().log(id, 1));

      assertThat(finished.success()).as(log).isTrue();
      assertThat(log).contains("probe uid 1000");
      assertThat(log.lines().filter(l -> l.startsWith("probe process ")))
          .isNotEmpty()
          .noneMatch(l -> l.contains("sleep " + seconds))
          .noneMatch(l -> l.contains("java"));
      assertThat(log).doesNotContain(secret);
      List<String> workerEnv =
          System.getenv().keySet().stream().filter(k -> !SANDBOX_ENV.contains(k)).toList();
      assertThat(workerEnv).as("the worker has variables of its own").isNotEmpty();
      for (String variable : workerEnv) {
        assertThat(log).doesNotContain("probe env " + variable + "=");
      }
      // Not even bubblewrap's first process, whose environment the build can read, has any.
      for (var variable : System.getenv().entrySet()) {
        if (!Set.of("LC_ALL", "LANG", "SHLVL", "_", "PWD", "OLDPWD").contains(variable.getKey())) {
          assertThat(log)
              .doesNotContain("probe environ " + variable.getKey() + "=" + variable.getValue());
        }
      }
      for (int port : ports) {
        assertThat(log).contains("probe port " + port + " refused");
      }
      assertThat(repos.resolve("evil")).doesNotExist();
      assertThat(hostTmp).doesNotExist();
      assertThat(home).doesNotExist();
      assertThat(workerDir).doesNotExist();
      assertThat(log).contains("probe cannot write " + repos.resolve("evil"));
    } finally {
      secretHolder.destroyForcibly();
    }
  }

  @Test
  void aForkBombEndsAtTheProcessLimitAndFailsTheBuild() throws Exception {
    long id = Dispatches.nextId();
    String marker = "copr-fork-bomb-" + id;
    String bomb =
        "python3 -c '\n"
            + "import os, sys, time\n"
            + "n = 0\n"
            + "while True:\n"
            + "    try:\n"
            + "        pid = os.fork()\n"
            + "    except OSError as e:\n"
            + "        print(\"fork failed after\", n, \"children:\", e.strerror, flush=True)\n"
            + "        sys.exit(1)\n"
            + "    if pid == 0:\n"
            + "        time.sleep(3600)\n"
            + "        os._exit(0)\n"
            + "    n += 1\n"
            + "' "
            + marker
            + "\n";
    String name = "bomb-" + id;
    Dispatches.dispatch(
        worker,
        id,
        CHROOT,
        name,
        TestRpms.spec(name, "1", TestRpms.Options.defaults())
            .replace("%build\n", "%build\n" + bomb),
        0);

    var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);

    assertThat(finished.success()).isFalse();
    assertThat(finished.reason())
        .startsWith("%build failed: error: Bad exit status from /build/tmp/rpm-tmp.")
        .contains(" (%build); last error before it: ");
    Matcher forks =
        Pattern.compile("fork failed after (\\d+) children").matcher(finished.logTail());
    assertThat(forks.find()).as(finished.logTail()).isTrue();
    assertThat(Integer.parseInt(forks.group(1)))
        .isGreaterThan(10)
        .isLessThan(worker.config().sandbox().processes());
    assertThat(finished.logTail()).contains("Resource temporarily unavailable");
    // Every child died with the sandbox.
    await().atMost(Duration.ofSeconds(30)).until(() -> !Dispatches.processRuns(marker));
    assertNextBuildSucceeds();
  }

  @Test
  void aBuildWriting100MibOfLogIsStoppedAndFailsAndTheWorkerGoesOn() throws Exception {
    long id = Dispatches.nextId();
    String name = "chatty-" + id;
    Dispatches.dispatch(
        worker,
        id,
        CHROOT,
        name,
        TestRpms.spec(name, "1", TestRpms.Options.defaults())
            .replace(
                "%build\n",
                "%build\nyes 'copr log flood, a line of it' | head -c 104857600\nsleep 600\n"),
        0);

    var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);

    assertThat(finished.success()).isFalse();
    assertThat(finished.exitCode()).isEqualTo(125);
    assertThat(finished.reason())
        .isEqualTo("%build failed: the build log passed its limit of 64 MiB");
    assertThat(finished.logTail()).endsWith("copr-build-worker: " + finished.reason());
    assertThat(finished.logTail().length()).isLessThanOrEqualTo(4096);
    long size = Files.size(worker.storage().log(id, 1));
    assertThat(size).isBetween(60L << 20, (64L << 20) + 4096);
    assertNextBuildSucceeds();
  }

  @Test
  void aLineOf1GibIsCutAndNeverHeldInTheWorkersHeap() throws Exception {
    long id = Dispatches.nextId();
    String name = "longline-" + id;
    List<MemoryPoolMXBean> oldGen =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
            .toList();
    assertThat(oldGen).isNotEmpty();
    System.gc();
    long before = oldGen.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
    oldGen.forEach(MemoryPoolMXBean::resetPeakUsage);

    Dispatches.dispatch(
        worker,
        id,
        CHROOT,
        name,
        TestRpms.spec(name, "1", TestRpms.Options.defaults())
            .replace(
                "%build\n",
                "%build\nhead -c 1073741824 /dev/zero | tr '\\0' x\necho\necho after the long"
                    + " line\n"),
        0);
    var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);

    long peak = oldGen.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
    assertThat(finished.success()).as(finished.logTail()).isTrue();
    assertThat(peak - before)
        .as("old generation growth while reading 1 GiB")
        .isLessThan(256L << 20);
    String log = Files.readString(worker.storage().log(id, 1));
    assertThat(log)
        .contains("x".repeat(16384) + " [copr-build-worker: line cut at 16384 bytes]")
        .contains("after the long line");
    assertThat(Files.size(worker.storage().log(id, 1))).isLessThan(1 << 20);
  }

  @Test
  void aLinkAFifoOrAFolderLeftInTheResultsFailsTheBuild() throws Exception {
    Map<String, String> leftBehind =
        Map.of(
            "root-link", "ln -s / %{_rpmdir}/root-link",
            "pipe", "mkfifo %{_rpmdir}/pipe",
            "folder", "mkdir %{_rpmdir}/folder");
    Map<Long, String> builds = new java.util.LinkedHashMap<>();
    for (var e : leftBehind.entrySet()) {
      long id = Dispatches.nextId();
      String name = "leaves-" + id;
      Dispatches.dispatch(
          worker,
          id,
          CHROOT,
          name,
          TestRpms.spec(name, "1", TestRpms.Options.defaults())
              .replace("%install\n", "%install\n" + e.getValue() + "\n"),
          0);
      builds.put(id, e.getKey());
    }
    for (var b : builds.entrySet()) {
      var finished =
          status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == b.getKey(), WAIT);
      assertThat(finished.success()).as(b.getValue()).isFalse();
      assertThat(finished.artifacts()).isEmpty();
      assertThat(finished.reason())
          .isEqualTo(
              "checking results failed: the build left "
                  + b.getValue()
                  + ", which is not a regular file");
    }
  }

  @Test
  void aBuildRequiresFromTheBuildsRepositoriesIsInstalledIntoItsRootAndRunsInBuild()
      throws Exception {
    try (SignedRepos repos = new SignedRepos()) {
      String url = repos.repo("copr-base", CHROOT, true, "hello-dep");
      long id = Dispatches.nextId();
      String name = "app-" + id;
      String spec =
          TestRpms.spec(name, "1", TestRpms.Options.defaults().buildRequires("hello-dep", "make"))
              .replace("%build\n", "%build\necho \"hello-dep says: $(hello-dep)\"\n");
      Path srpm =
          TestRpms.srpmFromSpec(worker.storage().srpms().resolve(Long.toString(id)), name, spec);
      BuildSpec build = Dispatches.spec(worker.storage(), id, CHROOT, name, srpm, List.of(url));
      Dispatches.send(Dispatches.to(worker, build, 1, 0));

      var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);
      String log = Files.readString(worker.storage().log(id, 1));

      assertThat(finished.success()).as(log).isTrue();
      assertThat(log)
          .contains("from the host toolchain: [make]; from the build's repositories: [hello-dep]")
          .contains("hello-dep says: hello-dep 1.0")
          .doesNotContain("--nodeps");
      assertThat(repos.requests()).contains("/copr-base/pubkey.gpg");
    }
  }

  @Test
  void aBuildRequiresFromARepositoryNotSignedByItsCoprsKeyFailsBeforeBuild() throws Exception {
    try (SignedRepos repos = new SignedRepos()) {
      String url = repos.repo("copr-unsigned", CHROOT, false, "hello-dep");
      long id = Dispatches.nextId();
      String name = "trusting-" + id;
      Path srpm =
          TestRpms.srpm(
              worker.storage().srpms().resolve(Long.toString(id)),
              name,
              "1",
              TestRpms.Options.defaults().buildRequires("hello-dep"));
      BuildSpec build = Dispatches.spec(worker.storage(), id, CHROOT, name, srpm, List.of(url));
      Dispatches.send(Dispatches.to(worker, build, 1, 0));

      var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);
      String log = Files.readString(worker.storage().log(id, 1));

      assertThat(finished.success()).isFalse();
      assertThat(finished.reason())
          .isEqualTo(
              "fetching BuildRequires failed: a BuildRequires from the build's repositories is"
                  + " not signed by its copr's key");
      assertThat(log)
          .contains("hello-dep-1.0-1.noarch.rpm is not signed by the key of a copr of this build")
          .doesNotContain("Executing(%build)");
    }
  }

  @Test
  void aBuildRequiresThatNothingProvidesFailsBeforeBuildWithTheReason() throws Exception {
    try (SignedRepos served = new SignedRepos()) {
      String url = served.repo("copr-other", CHROOT, true, "unrelated");
      for (List<String> repos : List.of(List.<String>of(), List.of(url))) {
        long id = Dispatches.nextId();
        String name = "needy-" + id;
        Path srpm =
            TestRpms.srpm(
                worker.storage().srpms().resolve(Long.toString(id)),
                name,
                "1",
                TestRpms.Options.defaults().buildRequires("hello-dep"));
        BuildSpec build = Dispatches.spec(worker.storage(), id, CHROOT, name, srpm, repos);
        Dispatches.send(Dispatches.to(worker, build, 1, 0));

        var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);
        String log = Files.readString(worker.storage().log(id, 1));

        assertThat(finished.success()).as(repos.toString()).isFalse();
        assertThat(finished.reason())
            .isEqualTo("fetching BuildRequires failed: nothing provides hello-dep");
        assertThat(log).contains("copr-build-worker: nothing provides hello-dep");
        assertThat(log).doesNotContain("Executing(%build)");
      }
    }
  }

  /**
   * SRPMs whose header was patched after rpmbuild (what api-service refuses at intake) dispatched
   * straight to the worker: its own check refuses each before dnf or rpmbuild runs. A host folder
   * for --destdir, a plugin folder for --setopt=pluginpath and a local HTTP server for the URL show
   * that nothing was written, loaded or fetched; the honest build after them, whose BuildRequires
   * the same server provides, is the marker that the server was asked.
   */
  @Test
  void buildRequiresPatchedIntoTheHeaderAreRefusedByTheWorkerBeforeAnythingRuns() throws Exception {
    Path hostDir = Files.createTempDirectory("copr-destdir-");
    Files.setPosixFilePermissions(hostDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path pluginDir = Files.createTempDirectory("copr-plugins-");
    Path pluginProof = pluginDir.resolve("loaded");
    Files.writeString(
        pluginDir.resolve("evil.py"), "open('" + pluginProof + "', 'w').write('the plugin ran')\n");
    try (SignedRepos repos = new SignedRepos()) {
      String url = repos.repo("copr-probe", CHROOT, true, "hello-dep");
      Map<String, String> refused = new java.util.LinkedHashMap<>();
      refused.put("--destdir=" + hostDir, "it starts with '-'");
      refused.put("--setopt=pluginpath=" + pluginDir, "it starts with '-'");
      refused.put(repos.base() + "/probe.rpm", "it is a URL");
      refused.put("/etc/passwd", "it is a path outside /usr");
      refused.put("hello-dep x", "it holds whitespace");
      refused.put("hello-dep\nx", "it holds whitespace");
      Map<Long, String> builds = new java.util.LinkedHashMap<>();
      for (String entry : refused.keySet()) {
        long id = Dispatches.nextId();
        String name = "patched-" + id;
        Path srpm =
            org.copr.testing.HostileRpms.withBuildRequires(
                worker.storage().srpms().resolve(Long.toString(id)), name, "1", entry);
        BuildSpec build = Dispatches.spec(worker.storage(), id, CHROOT, name, srpm, List.of(url));
        Dispatches.send(Dispatches.to(worker, build, 1, 0));
        builds.put(id, entry);
      }
      for (var b : builds.entrySet()) {
        var finished =
            status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == b.getKey(), WAIT);
        String log = Files.readString(worker.storage().log(b.getKey(), 1));
        assertThat(finished.success()).as(b.getValue()).isFalse();
        assertThat(finished.reason())
            .as(b.getValue())
            .startsWith(
                "checking BuildRequires failed: BuildRequires \""
                    + org.copr.rpm.DependencyToken.shown(b.getValue())
                    + "\" is not a dependency rpm and Copr accept")
            .contains(refused.get(b.getValue()));
        assertThat(log).doesNotContain("Executing(%build)").doesNotContain("$ ");
        assertThat(worker.storage().results(b.getKey(), 1)).doesNotExist();
      }

      long honest = Dispatches.nextId();
      String name = "honest-" + honest;
      Path srpm =
          TestRpms.srpm(
              worker.storage().srpms().resolve(Long.toString(honest)),
              name,
              "1",
              TestRpms.Options.defaults().buildRequires("hello-dep"));
      BuildSpec build = Dispatches.spec(worker.storage(), honest, CHROOT, name, srpm, List.of(url));
      Dispatches.send(Dispatches.to(worker, build, 1, 0));
      var finished =
          status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == honest, WAIT);
      assertThat(finished.success()).as(finished.logTail()).isTrue();

      assertThat(repos.requests()).contains("/copr-probe/pubkey.gpg").doesNotContain("/probe.rpm");
      try (var left = Files.list(hostDir)) {
        assertThat(left).as("written into the host folder").isEmpty();
      }
      assertThat(pluginProof).doesNotExist();
    }
  }

  @Test
  void aBuildThatAllocatesAndTouches6GibFailsForItsMemory() throws Exception {
    long id = Dispatches.nextId();
    String name = "hungry-" + id;
    Dispatches.dispatch(
        worker,
        id,
        CHROOT,
        name,
        TestRpms.spec(name, "1", TestRpms.Options.defaults())
            .replace(
                "%build\n",
                "%build\npython3 -c 'b = b\"x\" * (6 << 30); print(\"touched\", len(b))'\n"),
        0);

    var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);

    assertThat(finished.success()).isFalse();
    assertThat(finished.logTail()).contains("MemoryError").doesNotContain("touched 6442450944");
    assertThat(finished.reason())
        .startsWith("%build failed: it ran out of memory (its processes may write at most")
        .contains("; error: Bad exit status from /build/tmp/rpm-tmp.")
        .contains("copr.worker.sandbox.memory");
    assertThat(worker.storage().results(id, 1)).doesNotExist();
    assertNextBuildSucceeds();
  }

  @Test
  void aBuildSpinningOnTheCpuIsStoppedAtItsCpuTime() throws Exception {
    long id = Dispatches.nextId();
    String name = "spinner-" + id;
    long started = System.nanoTime();
    Dispatches.dispatch(
        worker,
        id,
        CHROOT,
        name,
        TestRpms.spec(name, "1", TestRpms.Options.defaults())
            .replace("%build\n", "%build\npython3 -c 'while True: pass'\n"),
        600);

    var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);

    assertThat(finished.success()).isFalse();
    assertThat(finished.exitCode()).as("not the timeout's 124").isNotEqualTo(124);
    assertThat(finished.reason())
        .startsWith("%build failed: it ran out of CPU time")
        .contains("use 30 s of CPU time each");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(120));
  }

  @Test
  void sparseFilesOrTooManyFilesInTheResultsFailTheBuildAndNothingIsKept() throws Exception {
    Map<String, String> leaves =
        Map.of(
            "sparse",
            "for i in 1 2 3; do truncate -s 900M %{_rpmdir}/sparse-$i.bin; done",
            "many",
            "for i in $(seq 1 60); do : > %{_rpmdir}/file-$i; done");
    Map<Long, String> builds = new java.util.LinkedHashMap<>();
    for (var e : leaves.entrySet()) {
      long id = Dispatches.nextId();
      String name = "leaves-" + e.getKey() + "-" + id;
      Dispatches.dispatch(
          worker,
          id,
          CHROOT,
          name,
          TestRpms.spec(name, "1", TestRpms.Options.defaults())
              .replace("%install\n", "%install\n" + e.getValue() + "\n"),
          0);
      builds.put(id, e.getKey());
    }
    for (var b : builds.entrySet()) {
      var finished =
          status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == b.getKey(), WAIT);
      assertThat(finished.success()).as(b.getValue()).isFalse();
      assertThat(finished.artifacts()).isEmpty();
      assertThat(finished.reason())
          .isEqualTo(
              "checking results failed: "
                  + (b.getValue().equals("sparse")
                      ? "the build's results pass their limit of 1024 MiB (files counted at their"
                          + " apparent size, sparse ones whole)"
                      : "the build left more than 50 files in its results; at most 50"));
      assertThat(worker.storage().results(b.getKey(), 1)).doesNotExist();
    }
  }

  private void assertNextBuildSucceeds() {
    long after = Dispatches.nextId();
    Dispatches.dispatch(
        worker,
        after,
        CHROOT,
        "after-" + after,
        TestRpms.spec("after-" + after, "1", TestRpms.Options.defaults()),
        0);
    var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == after, WAIT);
    assertThat(finished.success()).as(finished.logTail()).isTrue();
  }
}
