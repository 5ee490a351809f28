package org.copr.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.copr.contracts.BuildSpec;
import org.copr.contracts.BuildStatus;
import org.copr.testing.LibraryStack;
import org.copr.testing.SignedRepos;
import org.copr.testing.TestRpms;
import org.copr.testing.TopicProbe;
import org.copr.worker.config.ThisWorker;
import org.copr.worker.messaging.ControlConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's buildroot with the real worker, bubblewrap, dnf and gcc: a C application built
 * against a library from a dependency copr's repository, whose -devel package brings the library
 * itself in by its own Requires, with every file where gcc, pkg-config and rpm look.
 */
@QuarkusTest
class BuildrootTest {
  private static final String CHROOT = "fedora-40-x86_64";
  private static final Duration WAIT = Duration.ofSeconds(180);

  @Inject ThisWorker worker;
  @Inject ControlConsumer control;

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

  private BuildStatus.Finished build(String name, String spec, List<String> repos)
      throws Exception {
    long id = Dispatches.nextId();
    Path srpm =
        TestRpms.srpmFromSpec(worker.storage().srpms().resolve(Long.toString(id)), name, spec);
    BuildSpec build = Dispatches.spec(worker.storage(), id, CHROOT, name, srpm, repos);
    Dispatches.send(Dispatches.to(worker, build, 1, 0));
    return status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);
  }

  @Test
  void anApplicationBuildsAgainstALibraryFromADependencyCoprWithItsWholeClosure() throws Exception {
    try (SignedRepos repos = new SignedRepos()) {
      String apps = repos.repo("apps", CHROOT, true, "unrelated-app");
      String libs =
          repos.repoOfSpecs("libs", CHROOT, Map.of("libhello", LibraryStack.libhello("1.0")));

      var finished = build("hello-app", LibraryStack.helloApp(), List.of(apps, libs));
      String log = Files.readString(worker.storage().log(finished.buildId(), 1));

      assertThat(finished.success()).as(log).isTrue();
      assertThat(log)
          .contains("from the build's repositories: [pkgconfig(libhello)]")
          .contains("libhello-1.0-1.x86_64")
          .contains("libhello-devel-1.0-1.x86_64")
          .contains("hello, hello-from-the-macro, from libhello 1.0");
      assertThat(finished.buildroot())
          .extracting(BuildStatus.BuildrootPackage::nevra, BuildStatus.BuildrootPackage::repo)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("libhello-1.0-1.x86_64", libs),
              org.assertj.core.groups.Tuple.tuple("libhello-devel-1.0-1.x86_64", libs));
      assertThat(finished.artifacts())
          .extracting(BuildStatus.Artifact::file)
          .contains("hello-app-1.0-1.x86_64.rpm");
    }
  }

  @Test
  void fileBuildRequiresResolveToThePackagesHoldingThoseFiles() throws Exception {
    try (SignedRepos repos = new SignedRepos()) {
      String libs =
          repos.repoOfSpecs("filelibs", CHROOT, Map.of("libhello", LibraryStack.libhello("1.0")));
      String spec =
          LibraryStack.helloApp()
              .replace(
                  "BuildRequires: pkgconfig(libhello)",
                  "BuildRequires: /usr/include/hello.h\nBuildRequires: /usr/lib64/libhello.so");

      var finished = build("hello-app", spec, List.of(libs));
      String log = Files.readString(worker.storage().log(finished.buildId(), 1));

      assertThat(finished.success()).as(log).isTrue();
      assertThat(finished.buildroot())
          .extracting(BuildStatus.BuildrootPackage::name)
          .containsExactlyInAnyOrder("libhello", "libhello-devel");
    }
  }

  @Test
  void withoutTheDependencyCoprTheApplicationFailsBeforeBuildNamingWhatIsMissing()
      throws Exception {
    try (SignedRepos repos = new SignedRepos()) {
      String apps = repos.repo("lonely", CHROOT, true, "unrelated-app");

      var finished = build("hello-app", LibraryStack.helloApp(), List.of(apps));
      String log = Files.readString(worker.storage().log(finished.buildId(), 1));

      assertThat(finished.success()).isFalse();
      assertThat(finished.reason())
          .isEqualTo("fetching BuildRequires failed: nothing provides pkgconfig(libhello)");
      assertThat(log).doesNotContain("Executing(%build)");
    }
  }

  /** A libs repository whose libhello-devel says {@code relations} instead of its Requires. */
  private static String libsWhoseDevelSays(SignedRepos repos, String copr, String relations)
      throws IOException {
    String spec =
        LibraryStack.libhello("1.0")
            .replace("Requires: libhello = %{version}-%{release}", relations);
    return repos.repoOfSpecs(copr, CHROOT, Map.of("libhello", spec));
  }

  @Test
  void aRequiresOfTheClosureThatNoRepositoryMeetsIsNamedAsDnfSaysIt() throws Exception {
    try (SignedRepos repos = new SignedRepos()) {
      List<String> unmet = List.of("libhello-data >= 2", "libhello = 9.9-1");
      for (int i = 0; i < unmet.size(); i++) {
        String libs = libsWhoseDevelSays(repos, "unmet" + i, "Requires: " + unmet.get(i));

        var finished = build("hello-app", LibraryStack.helloApp(), List.of(libs));

        assertThat(finished.success()).isFalse();
        assertThat(finished.reason())
            .isEqualTo(
                "fetching BuildRequires failed: nothing provides "
                    + unmet.get(i)
                    + " needed by libhello-devel-1.0-1.x86_64");
      }
    }
  }

  @Test
  void aConflictInTheClosureFailsBeforeBuildWithRpmsOwnExplanation() throws Exception {
    try (SignedRepos repos = new SignedRepos()) {
      String conflicting =
          libsWhoseDevelSays(
              repos,
              "conflicting",
              "Requires: libhello = %{version}-%{release}\nConflicts: libhello < 2");

      var finished = build("hello-app", LibraryStack.helloApp(), List.of(conflicting));
      String log = Files.readString(worker.storage().log(finished.buildId(), 1));

      assertThat(finished.success()).isFalse();
      assertThat(finished.reason())
          .startsWith("fetching BuildRequires failed: rpm refused the buildroot:")
          .contains("conflicts with");
      assertThat(log).doesNotContain("Executing(%build)");
    }
  }
}
