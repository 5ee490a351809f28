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
          Duration.ofMinutes(90));

  @Test
  void mockRebuildsInTheChrootsConfigWithEveryRepoAUniqueRootAndTheTimeout() {
    var mock = new MockBuilder(Path.of("/usr/bin/mock"));

    assertThat(mock.command(JOB))
        .containsExactly(
            "/usr/bin/mock",
            "-r",
            "fedora-40-aarch64",
            "--rebuild",
            "/storage/srpms/ab/hello-1.0-1.src.rpm",
            "--resultdir",
            "/storage/results/42/2",
            "--addrepo",
            "http://repos.example/alice/hello/fedora-40-aarch64/",
            "--addrepo",
            "http://repos.example/bob/libs/fedora-40-aarch64/",
            "--uniqueext",
            "copr-42-2",
            "--rpmbuild_timeout",
            "5400");
  }

  @Test
  void rpmbuildRebuildsWithPrivateFoldersAndDatabaseAndNodepsOnlyWhenAsked() {
    List<String> expected =
        List.of(
            "/usr/bin/rpmbuild",
            "--rebuild",
            "--define",
            "_topdir /work/42-2-x/rpmbuild",
            "--define",
            "_tmppath /work/42-2-x/tmp",
            "--define",
            "_rpmdir /storage/results/42/2",
            "--define",
            "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm",
            "--dbpath",
            "/work/42-2-x/rpmdb");

    assertThat(new RpmbuildBuilder(Path.of("/usr/bin/rpmbuild"), false).command(JOB))
        .containsExactlyElementsOf(concat(expected, "/storage/srpms/ab/hello-1.0-1.src.rpm"));
    assertThat(new RpmbuildBuilder(Path.of("/usr/bin/rpmbuild"), true).command(JOB))
        .containsExactlyElementsOf(
            concat(expected, "--nodeps", "/storage/srpms/ab/hello-1.0-1.src.rpm"));
  }

  @Test
  void autoChoosesMockWhenItIsOnThePathAndRpmbuildOtherwise(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path rpmbuild = executable(bin.resolve("rpmbuild"));
    String path = bin + ":/nonexistent";

    assertThat(Builders.choose(Backend.AUTO, path, true))
        .isEqualTo(new RpmbuildBuilder(rpmbuild, true));
    assertThatThrownBy(() -> Builders.choose(Backend.MOCK, path, true))
        .hasMessageContaining("mock is not on the PATH");

    Path mock = executable(bin.resolve("mock"));
    assertThat(Builders.choose(Backend.AUTO, path, true)).isEqualTo(new MockBuilder(mock));
    assertThat(Builders.choose(Backend.RPMBUILD, path, false))
        .isEqualTo(new RpmbuildBuilder(rpmbuild, false));
  }

  @Test
  void aFileThatIsNotExecutableIsNotABuilder(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("mock"), "#!/bin/sh\n");

    assertThat(Builders.find("mock", dir.toString())).isEmpty();
    assertThatThrownBy(() -> Builders.choose(Backend.RPMBUILD, dir.toString(), true))
        .hasMessageContaining("rpmbuild is not on the PATH");
  }

  static Path executable(Path file) throws Exception {
    Files.writeString(file, "#!/bin/sh\nexit 0\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    return file;
  }

  static List<String> concat(List<String> head, String... tail) {
    var all = new java.util.ArrayList<>(head);
    all.addAll(List.of(tail));
    return all;
  }
}
