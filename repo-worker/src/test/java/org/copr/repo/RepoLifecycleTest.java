package org.copr.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.StorageLayout;
import org.copr.testing.Dnf;
import org.copr.testing.TestRpms;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A copr's repositories from creation to deletion, checked with real createrepo_c and dnf. */
@QuarkusTest
class RepoLifecycleTest {
  private static final String FEDORA = Coprs.FEDORA;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static TopicProbe status;

  @Inject RepoWorkerConfig config;

  @TestHTTPResource("/repos")
  URL repos;

  @BeforeAll
  static void probe() {
    status = Events.statusProbe();
  }

  @AfterAll
  static void close() {
    status.close();
  }

  @Test
  void createdCoprHasAnEmptyValidRepositoryPerChrootAndDeleteRemovesThem() {
    String copr = newCopr("shapes", FEDORA, "epel-9-x86_64");
    for (String chroot : List.of(FEDORA, "epel-9-x86_64")) {
      assertThat(Dnf.throwaway(url(copr, chroot)).available()).isEmpty();
    }

    Events.copr(new CoprEvent.ChrootsAdded(copr, List.of("fedora-41-aarch64")));
    Coprs.awaitRepodata(layout(), copr, "fedora-41-aarch64");
    assertThat(Dnf.throwaway(url(copr, "fedora-41-aarch64")).available()).isEmpty();

    Events.copr(new CoprEvent.ChrootsRemoved(copr, List.of("epel-9-x86_64")));
    await().atMost(WAIT).until(() -> !Files.exists(layout().repo(copr, "epel-9-x86_64")));
    assertThat(layout().repo(copr, FEDORA)).isDirectory();
    assertThat(Dnf.throwaway(url(copr, "epel-9-x86_64")).run("-q", "repoquery").exitCode())
        .isNotZero();

    Events.copr(new CoprEvent.Deleted(copr));
    await().atMost(WAIT).until(() -> !Files.exists(layout().repos().resolve(copr)));
  }

  @Test
  void publishedBuildInstallsUpgradesAndIsGoneAfterPackageDelete() throws Exception {
    String copr = newCopr("hello", FEDORA);
    long first = FinishedBuilds.nextBuildId();
    BuildStatus.Finished v1 =
        FinishedBuilds.build(layout(), first, copr, FEDORA, "hello-copr", "1.0");
    Events.publish(v1);

    BuildStatus.Published published = Events.awaitPublished(status, first);
    assertThat(published.attempt()).isEqualTo(1);
    assertThat(published.copr()).isEqualTo(copr);
    assertThat(published.chroot()).isEqualTo(FEDORA);
    Path folder = layout().publishedBuild(copr, FEDORA, first, "hello-copr");
    assertThat(published.repoPath()).isEqualTo(layout().relativize(folder));
    assertThat(folder.resolve("hello-copr-1.0-1.noarch.rpm")).isRegularFile();
    assertThat(folder.resolve("hello-copr-1.0-1.src.rpm")).isRegularFile();
    assertThat(Files.readString(folder.resolve("build.log"))).contains("hello-copr");
    assertThat(layout().results(first, 1)).doesNotExist();

    Dnf dnf = Dnf.throwaway(url(copr, FEDORA));
    dnf.check("install", "hello-copr");
    assertThat(dnf.runInstalled("hello-copr")).isEqualTo("hello-copr 1.0");

    long second = FinishedBuilds.nextBuildId();
    Events.publish(FinishedBuilds.build(layout(), second, copr, FEDORA, "hello-copr", "2.0"));
    Events.awaitPublished(status, second);
    dnf.check("upgrade", "hello-copr");
    assertThat(dnf.runInstalled("hello-copr")).isEqualTo("hello-copr 2.0");
    assertThat(Dnf.throwaway(url(copr, FEDORA)).available())
        .containsExactly("hello-copr 1.0-1", "hello-copr 2.0-1");

    Events.copr(new CoprEvent.BuildsDeleted(copr, "hello-copr", List.of(first)));
    await().atMost(WAIT).until(() -> !Files.exists(folder));
    await()
        .atMost(WAIT)
        .until(
            () -> Dnf.throwaway(url(copr, FEDORA)).available().equals(List.of("hello-copr 2.0-1")));
    assertThat(layout().publishedBuild(copr, FEDORA, second, "hello-copr")).isDirectory();

    Events.copr(new CoprEvent.PackageDeleted(copr, "hello-copr", List.of(first, second)));
    await()
        .atMost(WAIT)
        .until(
            () ->
                !Files.exists(folder)
                    && !Files.exists(layout().publishedBuild(copr, FEDORA, second, "hello-copr")));
    await().atMost(WAIT).until(() -> Dnf.throwaway(url(copr, FEDORA)).available().isEmpty());
  }

  @Test
  void packageRequiringADependencyCoprInstallsWithBothRepositories() {
    String base = newCopr("base", FEDORA);
    String app = newCopr("app", FEDORA);
    long lib = FinishedBuilds.nextBuildId();
    Events.publish(FinishedBuilds.build(layout(), lib, base, FEDORA, "libgreet", "1.5"));
    long tool = FinishedBuilds.nextBuildId();
    Events.publish(
        FinishedBuilds.build(
            layout(),
            tool,
            1,
            app,
            FEDORA,
            "greeter",
            "3.0",
            TestRpms.Options.defaults().requires("libgreet >= 1.5")));
    Events.awaitPublished(status, lib);
    Events.awaitPublished(status, tool);

    assertThat(Dnf.throwaway(url(app, FEDORA)).run("install", "greeter").exitCode())
        .as("without the dependency copr, libgreet cannot be found")
        .isNotZero();

    Dnf dnf = Dnf.throwaway(url(app, FEDORA), url(base, FEDORA));
    dnf.check("install", "greeter");
    assertThat(dnf.runInstalled("greeter")).isEqualTo("greeter 3.0");
    assertThat(dnf.runInstalled("libgreet")).isEqualTo("libgreet 1.5");
  }

  private String newCopr(String prefix, String... chroots) {
    return Coprs.create(layout(), prefix, chroots);
  }

  private StorageLayout layout() {
    return config.layout();
  }

  private String url(String copr, String chroot) {
    return repos + "/" + copr + "/" + chroot + "/";
  }
}
