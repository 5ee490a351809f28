package org.copr.repo.repository;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.copr.contracts.StorageLayout;
import org.copr.repo.RepoId;
import org.copr.repo.RepoWorkerConfig;
import org.copr.repo.Tree;
import org.copr.runtime.process.ExternalCommand;
import org.jboss.logging.Logger;

/**
 * Applies one batch of changes to one repository: folders first, then a single createrepo_c run,
 * then the reports. Only a repository's writer calls it.
 */
@ApplicationScoped
public class RepoUpdater {
  private static final Logger LOG = Logger.getLogger(RepoUpdater.class);

  /** Present while build folders were removed but the metadata does not say so yet. */
  private static final String DIRTY = ".copr-dirty";

  private final StorageLayout layout;
  private final Createrepo createrepo;
  private final BuildPublisher publisher;
  private final DistributionSummary batchSizes;

  RepoUpdater(
      RepoWorkerConfig config,
      Createrepo createrepo,
      BuildPublisher publisher,
      MeterRegistry registry) {
    this.layout = config.layout();
    this.createrepo = createrepo;
    this.publisher = publisher;
    this.batchSizes =
        DistributionSummary.builder("copr.repo.batch.size")
            .description("Changes applied to a repository by one writer run")
            .register(registry);
  }

  /** Drops builds half-assembled by a crashed run; their events come again and redo them. */
  void clearStaging() throws IOException {
    Tree.delete(publisher.stagingRoot());
  }

  void apply(RepoId repo, List<RepoWriters.Pending> batch) {
    batchSizes.record(batch.size());
    Path dir = repo.path(layout);
    List<Staging.Ready> ready = new ArrayList<>();
    List<Staging.Rejected> rejected = new ArrayList<>();
    boolean replaced = false;
    boolean checked =
        publisher.allIntact(
            batch.stream()
                .map(RepoWriters.Pending::change)
                .filter(RepoChange.Publish.class::isInstance)
                .map(c -> ((RepoChange.Publish) c).build())
                .toList());
    try {
      for (RepoWriters.Pending pending : batch) {
        RepoChange change = pending.change();
        if (change instanceof RepoChange.Create) {
          Files.createDirectories(dir);
        } else if (change instanceof RepoChange.Remove) {
          Tree.delete(dir);
          LOG.infof("removed repository %s", repo);
        } else if (change instanceof RepoChange.RemoveBuilds builds) {
          removeBuilds(repo, dir, builds);
        } else if (change instanceof RepoChange.Publish publish) {
          Staging staging =
              publisher.stage(repo, publish.build(), pending.queuedAtNanos(), checked);
          if (staging instanceof Staging.Ready r) {
            ready.add(r);
            replaced |= r.replaced();
          } else if (staging instanceof Staging.Rejected r) {
            rejected.add(r);
          } else if (staging instanceof Staging.Skipped s) {
            LOG.infof(
                "build %d attempt %d in %s: nothing to do, %s",
                publish.build().buildId(), publish.build().attempt(), repo, s.why());
          }
        } else if (change instanceof RepoChange.Repair) {
          for (Path build : Tree.subfolders(dir)) {
            publisher.unreported(build).ifPresent(ready::add);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    String failure = refreshMetadata(dir, !ready.isEmpty(), replaced);
    for (Staging.Ready r : ready) {
      if (!Files.isDirectory(r.dir())) {
        publisher.failed(
            repo,
            new Staging.Rejected(
                r.marker().buildId(), r.marker().attempt(), "the repository was removed"));
      } else if (failure != null) {
        publisher.withdraw(repo, r, failure);
      } else {
        publisher.published(repo, r);
      }
    }
    rejected.forEach(r -> publisher.failed(repo, r));
    for (RepoWriters.Pending pending : batch) {
      if (failure != null && !(pending.change() instanceof RepoChange.Publish)) {
        pending.done().completeExceptionally(new IllegalStateException(failure));
      } else {
        pending.done().complete(null);
      }
    }
  }

  /** Runs createrepo_c when the folder changed or its metadata is missing; returns the failure. */
  private String refreshMetadata(Path dir, boolean buildsAdded, boolean filesReplaced) {
    Path dirty = dir.resolve(DIRTY);
    boolean needed =
        buildsAdded || Files.exists(dirty) || !Files.isDirectory(dir.resolve("repodata"));
    if (!Files.isDirectory(dir) || !needed) {
      return null;
    }
    ExternalCommand.Result result = createrepo.run(dir, !filesReplaced);
    if (result.timedOut()) {
      return "createrepo_c timed out: " + result.tail(Createrepo.TAIL);
    }
    if (!result.ok()) {
      return "createrepo_c failed (exit "
          + result.exitCode()
          + "): "
          + result.tail(Createrepo.TAIL);
    }
    try {
      Files.deleteIfExists(dirty);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return null;
  }

  private void removeBuilds(RepoId repo, Path dir, RepoChange.RemoveBuilds builds)
      throws IOException {
    for (Path build : Tree.subfolders(dir)) {
      if (matches(build.getFileName().toString(), builds)) {
        Files.write(dir.resolve(DIRTY), new byte[0]);
        Tree.delete(build);
        LOG.infof("removed %s from %s", build.getFileName(), repo);
      }
    }
  }

  /** Build folders are named {@code <zero-padded build id>-<package>}. */
  private static boolean matches(String folder, RepoChange.RemoveBuilds builds) {
    int dash = folder.indexOf('-');
    if (dash <= 0) {
      return false;
    }
    String packageName = folder.substring(dash + 1);
    try {
      long id = Long.parseLong(folder.substring(0, dash));
      return builds.buildIds() == null || builds.buildIds().isEmpty()
          ? packageName.equals(builds.packageName())
          : builds.buildIds().contains(id);
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
