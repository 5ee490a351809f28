package org.copr.worker.builder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import org.copr.contracts.Chroot;
import org.copr.worker.config.WorkerConfig.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildersTest {
  static final BuildJob JOB =
      new BuildJob(
          42,
          2,
          Chroot.parse("fedora-40-aarch64"),
          Path.of("/storage/srpms/ab/hello-1.0-1.src.rpm"),
          Path.of("/storage/results/42/2"),
          Path.of("/work/42-2-x"),
          List.of(
              "http://repos.example/alice/hello/fedora-40-aarch64/",
              "http://repos.example/bob/libs/fedora-40-aarch64/"),
          Duration.ofMinutes(90),
          2);

  @Test
  void mockRebuildsInTheChrootsConfigWithEveryRepoAUniqueRootAndTheTimeout() {
    var mock = new MockBuilder(Path.of("/usr/bin/mock"));

    assertThat(mock.command(JOB))
        .containsExactly(
            "/usr/bin/mock",
            "-r",
            "/work/42-2-x/mock.cfg",
            "--rebuild",
            "/storage/srpms/ab/hello-1.0-1.src.rpm",
            "--resultdir",
            "/storage/results/42/2",
            "--uniqueext",
            "copr-42-2",
            "--rpmbuild_timeout",
            "5400");
  }

  /**
   * The event rules let a repository URL hold quotes; mock's config is Python: every URL must match
   * the strict pattern before anything is written.
   */
  @Test
  void mocksConfigRefusesARepositoryURLThatCouldEndItsString(@TempDir Path work) {
    var mock = new MockBuilder(Path.of("/usr/bin/mock"));
    for (String url :
        List.of(
            "http://repos.example/a/b\"\"\"+__import__('os').system('id')+\"\"\"/",
            "http://repos.example/a/b/'\nconfig_opts['chrootuid']=0/",
            "file:///etc/passwd",
            "http://repos.example/a/b/%{lua:os.exit()}/")) {
      BuildJob job =
          new BuildJob(
              42,
              2,
              JOB.chroot(),
              JOB.srpm(),
              work.resolve("results"),
              work,
              List.of(url),
              Duration.ofMinutes(90),
              0);
      assertThatThrownBy(() -> mock.prepare(job, line -> {}))
          .as(url)
          .isInstanceOf(BuildRefusedException.class)
          .hasMessage("a repository URL of the build is not usable");
      assertThat(work.resolve("mock.cfg")).doesNotExist();
    }
  }

  @Test
  void mockMustRunBuildsAsAUidOfTheirOwnNeverTheWorkersOrRoot(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("site-defaults.cfg");
    Files.writeString(config, "config_opts['isolation'] = 'simple'\n");
    assertThatThrownBy(() -> MockBuilder.checkBuildUid(config, 0))
        .hasMessageContaining("mock would run builds as the worker's own uid");
    assertThatThrownBy(() -> MockBuilder.checkBuildUid(dir.resolve("missing.cfg"), 185))
        .hasMessageContaining("the worker's own uid");
    Files.writeString(config, "config_opts['chrootuid'] = 185\n");
    assertThatThrownBy(() -> MockBuilder.checkBuildUid(config, 185))
        .hasMessageContaining("mock would run builds as uid 185");
    Files.writeString(config, "config_opts['chrootuid'] = 0\n");
    assertThatThrownBy(() -> MockBuilder.checkBuildUid(config, 185)).hasMessageContaining("uid 0");
    // The image's line (build-worker/src/main/docker/Dockerfile.jvm) passes for a root worker.
    Files.writeString(
        config, "config_opts['isolation'] = 'simple'\n  config_opts[\"chrootuid\"] = 64000\n");
    MockBuilder.checkBuildUid(config, 0);
    String image = Files.readString(Path.of("src/main/docker/Dockerfile.jvm"));
    assertThat(image).contains("\"config_opts['chrootuid'] = 64000\"").contains("USER 0");
  }

  @Test
  void theSandboxRunsRpmbuildWithoutNodepsInBubblewrapWithLimitsAndOnlyItsOwnFolders(
      @TempDir Path dir) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("bwrap", "rpmbuild", "prlimit", "setpriv", "unshare")) {
      executable(bin.resolve(tool));
    }
    Builder sandbox =
        Builders.choose(
            Backend.SANDBOX, bin.toString(), TestSandboxConfig.defaults(), dir.resolve("work"));
    List<String> cmd = sandbox.command(JOB);

    MemoryBudget memory = ((SandboxBuilder) sandbox).memory();
    List<String> limits =
        List.of(
            bin + "/prlimit",
            "--nproc=512:512",
            "--fsize=4294967296:4294967296",
            "--core=0:0",
            "--data=" + memory.perProcess() + ":" + memory.perProcess(),
            // The job's 90 minutes of timeout, then SIGKILL 10 s after SIGXCPU.
            "--cpu=5400:5410",
            "--");
    assertThat(cmd.subList(0, 7)).containsExactlyElementsOf(limits);
    // One slot on this machine: three quarters of its memory, the 4 GiB build folder inside it.
    assertThat(memory.total()).isEqualTo(MemoryBudget.machineMemory() / 4 * 3);
    assertThat(memory.buildFolder()).isEqualTo(4L << 30);
    assertThat(memory.perProcess()).isEqualTo(memory.total() - memory.buildFolder());
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      // Slot 2 builds as its own host uid: the process limit counts that build alone.
      assertThat(String.join(" ", cmd))
          .contains(
              bin + "/setpriv --reuid=64002 --regid=64002 --clear-groups -- " + bin + "/bwrap");
    }
    assertThat(String.join(" ", cmd))
        .contains(
            "--unshare-all --unshare-user --disable-userns --die-with-parent --new-session"
                + " --uid 1000 --gid 1000")
        .contains("--ro-bind /usr /usr")
        .contains("--ro-bind /etc /etc")
        .contains("--size " + memory.buildFolder() + " --tmpfs /build")
        .contains("--clearenv --setenv PATH /usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin")
        .contains("--ro-bind /work/42-2-x/srpm /srpm")
        .contains("--bind /storage/results/42/2 /results")
        .endsWith(
            "-- stdbuf -oL -eL "
                + bin
                + "/rpmbuild --rebuild --define _topdir /build/rpmbuild --define _tmppath"
                + " /build/tmp --define _rpmdir /results --define _build_name_fmt"
                + " %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm --dbpath /build/rpmdb"
                + " /srpm/hello-1.0-1.src.rpm")
        .doesNotContain("--nodeps")
        .doesNotContain("/storage/srpms")
        .doesNotContain("--share-net");
  }

  @Test
  void theMemoryBudgetHoldsTheBuildFolderAndIsSharedByTheSlots() {
    var config = new TestSandboxConfig(64000, 512, 4L << 30, List.of());
    MemoryBudget two = MemoryBudget.of(config, 2);
    assertThat(two.total()).isEqualTo(MemoryBudget.machineMemory() / 4 * 3 / 2);
    assertThat(two.buildFolder() + two.perProcess()).isEqualTo(two.total());
    // A budget smaller than twice the build folder halves the folder: the tmpfs counts inside.
    MemoryBudget small = MemoryBudget.of(new Fixed(config, 6L << 30), 1);
    assertThat(small.buildFolder()).isEqualTo(3L << 30);
    assertThat(small.perProcess()).isEqualTo(3L << 30);
    assertThatThrownBy(() -> MemoryBudget.of(new Fixed(config, 256L << 20), 1))
        .hasMessageContaining("less than 256 MiB");
  }

  /** The defaults with copr.worker.sandbox.memory set. */
  private record Fixed(TestSandboxConfig base, long bytes)
      implements org.copr.worker.config.WorkerConfig.Sandbox {
    public int uidBase() {
      return base.uidBase();
    }

    public int processes() {
      return base.processes();
    }

    public io.quarkus.runtime.configuration.MemorySize buildSize() {
      return base.buildSize();
    }

    public java.util.Optional<List<String>> hostProvides() {
      return base.hostProvides();
    }

    public java.util.Optional<io.quarkus.runtime.configuration.MemorySize> memory() {
      return java.util.Optional.of(
          new io.quarkus.runtime.configuration.MemorySize(java.math.BigInteger.valueOf(bytes)));
    }

    public java.util.Optional<Duration> cpuTime() {
      return java.util.Optional.empty();
    }
  }

  @Test
  void autoChoosesMockWhenItIsOnThePathAndTheSandboxOtherwise(@TempDir Path dir) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx--x--x"));
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("bwrap", "rpmbuild", "prlimit", "setpriv", "unshare")) {
      executable(bin.resolve(tool));
    }
    String path = bin + ":/nonexistent";
    Path work = dir.resolve("work");

    assertThat(Builders.choose(Backend.AUTO, path, TestSandboxConfig.defaults(), work))
        .isInstanceOf(SandboxBuilder.class);
    assertThatThrownBy(
            () -> Builders.choose(Backend.MOCK, path, TestSandboxConfig.defaults(), work))
        .hasMessageContaining("mock is not on the PATH");

    Path mock = executable(bin.resolve("mock"));
    assertThat(Builders.choose(Backend.AUTO, path, TestSandboxConfig.defaults(), work))
        .isEqualTo(new MockBuilder(mock));
  }

  @Test
  void withoutBubblewrapThereIsNoSandboxAndNoWayToBuildUnsandboxed(@TempDir Path dir)
      throws Exception {
    Files.writeString(dir.resolve("mock"), "#!/bin/sh\n");
    executable(dir.resolve("rpmbuild"));

    assertThat(Builders.find("mock", dir.toString())).isEmpty();
    assertThatThrownBy(
            () ->
                Builders.choose(
                    Backend.AUTO, dir.toString(), TestSandboxConfig.defaults(), dir.resolve("w")))
        .hasMessageContaining("bwrap is not on the PATH");
  }

  static Path executable(Path file) throws Exception {
    Files.writeString(file, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }
}
