package org.copr.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.StorageLayout;
import org.copr.repo.repository.BuildMarker;
import org.copr.repo.repository.RepoChange;
import org.copr.repo.repository.RepoWriters;
import org.copr.testing.Dnf;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * What a start does to each repository: a crash's leftovers (unfinished .repodata/, a build moved
 * in but neither indexed nor reported, a build removed but still in the metadata) are put right.
 */
@QuarkusTest
class RepairTest {
  @Inject RepoWorkerConfig config;
  @Inject RepoWriters writers;

  @TestHTTPResource("/repos")
  URL repos;

  @Test
  void buildMovedInBeforeACrashIsIndexedAndReported() throws Exception {
    String copr = Coprs.create(layout(), "crashed", Coprs.FEDORA);
    Path repo = layout().repo(copr, Coprs.FEDORA);
    long id = FinishedBuilds.nextBuildId();
    FinishedBuilds.build(layout(), id, copr, Coprs.FEDORA, "survivor", "1.0");
    // The state a crash right after the move leaves: folder in place, marker unreported,
    // createrepo_c interrupted half way.
    Path folder = layout().publishedBuild(copr, Coprs.FEDORA, id, "survivor");
    Files.createDirectories(folder);
    try (Stream<Path> rpms = Files.walk(layout().results(id, 1))) {
      for (Path rpm : rpms.filter(p -> p.toString().endsWith(".rpm")).toList()) {
        Files.copy(rpm, folder.resolve(rpm.getFileName()));
      }
    }
    new BuildMarker(id, 1, "survivor", false).write(folder);
    Files.createDirectories(repo.resolve(".repodata"));
    Files.writeString(repo.resolve(".repodata/repomd.xml"), "half written");

    try (TopicProbe status = Events.statusProbe()) {
      writers.submit(new RepoId(copr, Coprs.FEDORA), new RepoChange.Repair()).get();
      BuildStatus.Published published = Events.awaitPublished(status, id);
      assertThat(published.repoPath()).isEqualTo(layout().relativize(folder));
    }
    assertThat(repo.resolve(".repodata")).doesNotExist();
    assertThat(BuildMarker.read(folder)).hasValueSatisfying(m -> assertThat(m.reported()).isTrue());
    assertThat(layout().results(id, 1)).doesNotExist();
    assertThat(Dnf.throwaway(url(copr)).available()).containsExactly("survivor 1.0-1");
  }

  @Test
  void buildRemovedBeforeACrashLeavesTheMetadata() throws Exception {
    String copr = Coprs.create(layout(), "removed", Coprs.FEDORA);
    long id = FinishedBuilds.nextBuildId();
    try (TopicProbe status = Events.statusProbe()) {
      Events.publish(FinishedBuilds.build(layout(), id, copr, Coprs.FEDORA, "leaver", "1.0"));
      Events.awaitPublished(status, id);
    }
    assertThat(Dnf.throwaway(url(copr)).available()).containsExactly("leaver 1.0-1");
    // A package delete that got as far as the folder: the repository is marked dirty first.
    Path repo = layout().repo(copr, Coprs.FEDORA);
    Files.writeString(repo.resolve(".copr-dirty"), "");
    Tree.delete(layout().publishedBuild(copr, Coprs.FEDORA, id, "leaver"));

    writers.submit(new RepoId(copr, Coprs.FEDORA), new RepoChange.Repair()).get();

    assertThat(repo.resolve(".copr-dirty")).doesNotExist();
    assertThat(Dnf.throwaway(url(copr)).available()).isEmpty();
  }

  private StorageLayout layout() {
    return config.layout();
  }

  private String url(String copr) {
    return repos + "/" + copr + "/" + Coprs.FEDORA + "/";
  }
}
