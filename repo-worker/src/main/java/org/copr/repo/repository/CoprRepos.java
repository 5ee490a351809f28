package org.copr.repo.repository;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.StorageLayout;
import org.copr.repo.RepoId;
import org.copr.repo.RepoWorkerConfig;
import org.copr.repo.signing.SigningKeys;
import org.jboss.logging.Logger;

/**
 * Turns what happened to a copr into changes of its chroots' repositories. Everything comes from
 * api-service on the copr's topic, in the order api-service decided it, so a build is never
 * published after its copr or its package was deleted.
 */
@ApplicationScoped
public class CoprRepos {
  private static final Logger LOG = Logger.getLogger(CoprRepos.class);
  private final RepoWriters writers;
  private final StorageLayout layout;
  private final SigningKeys keys;

  CoprRepos(RepoWriters writers, RepoWorkerConfig config, SigningKeys keys) {
    this.writers = writers;
    this.layout = config.layout();
    this.keys = keys;
  }

  /**
   * Queues the event's changes; the future completes when all are applied.
   *
   * @throws IllegalArgumentException when the event names an invalid copr or chroot
   */
  public CompletableFuture<Void> apply(CoprEvent event) {
    String copr = RepoId.requireName("copr", event.copr());
    if (event instanceof CoprEvent.Created created) {
      CompletableFuture<Void> repos = each(copr, created.chroots(), new RepoChange.Create());
      keys.created(copr);
      return repos;
    }
    if (event instanceof CoprEvent.ChrootsAdded added) {
      return each(copr, added.chroots(), new RepoChange.Create());
    }
    if (event instanceof CoprEvent.ChrootsRemoved removed) {
      return each(copr, removed.chroots(), new RepoChange.Remove());
    }
    if (event instanceof CoprEvent.Deleted) {
      // At once, in the topic's order: a later copr_created of the name must find no old key.
      keys.deleted(copr);
      return each(copr, chroots(copr), new RepoChange.Remove()).thenRun(() -> removeFolder(copr));
    }
    if (event instanceof CoprEvent.PublishRequested publish) {
      LOG.infof(
          "build %d attempt %d of %s succeeded for %s/%s",
          publish.buildId(), publish.attempt(), publish.packageName(), copr, publish.chroot());
      return writers.submit(new RepoId(copr, publish.chroot()), new RepoChange.Publish(publish));
    }
    if (event instanceof CoprEvent.PackageDeleted deleted) {
      RepoChange change =
          new RepoChange.RemoveBuilds(
              deleted.buildIds() == null ? List.of() : deleted.buildIds(),
              RepoId.requireName("package", deleted.packageName()));
      return each(copr, chroots(copr), change);
    }
    if (event instanceof CoprEvent.BuildsDeleted deleted) {
      List<Long> ids = deleted.buildIds() == null ? List.of() : deleted.buildIds();
      if (ids.isEmpty()) {
        // RemoveBuilds without ids means the whole package, which this event never asks for
        return CompletableFuture.completedFuture(null);
      }
      RepoChange change =
          new RepoChange.RemoveBuilds(ids, RepoId.requireName("package", deleted.packageName()));
      return each(copr, chroots(copr), change);
    }
    return CompletableFuture.completedFuture(null);
  }

  private CompletableFuture<Void> each(String copr, Collection<String> chroots, RepoChange change) {
    // Every name is checked before anything is queued, so a bad event changes nothing.
    List<RepoId> repos =
        (chroots == null ? List.<String>of() : chroots)
            .stream().map(chroot -> new RepoId(copr, chroot)).toList();
    return CompletableFuture.allOf(
        repos.stream().map(repo -> writers.submit(repo, change)).toArray(CompletableFuture[]::new));
  }

  private Collection<String> chroots(String copr) {
    try {
      return writers.chroots(copr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void removeFolder(String copr) {
    try {
      Files.deleteIfExists(layout.repos().resolve(copr));
    } catch (DirectoryNotEmptyException e) {
      // the copr was created again meanwhile: its new chroots stay
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
