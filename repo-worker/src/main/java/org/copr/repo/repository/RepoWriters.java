package org.copr.repo.repository;

import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.copr.contracts.StorageLayout;
import org.copr.repo.RepoId;
import org.copr.repo.RepoWorkerConfig;
import org.copr.repo.Tree;
import org.jboss.logging.Logger;

/**
 * One writer per repository: changes for a repository queue up and a single task at a time applies
 * them. The task starts a batch window after the first change arrived and takes everything queued
 * by then, so builds that finish together share one createrepo_c run. Different repositories are
 * written in parallel on a small pool.
 */
@Startup
@ApplicationScoped
public class RepoWriters {
  private static final Logger LOG = Logger.getLogger(RepoWriters.class);

  private final RepoUpdater updater;
  private final RepoWorkerConfig config;
  private final StorageLayout layout;
  private final Map<RepoId, Writer> writers = new ConcurrentHashMap<>();
  private ScheduledExecutorService pool;

  RepoWriters(RepoUpdater updater, RepoWorkerConfig config) {
    this.updater = updater;
    this.config = config;
    this.layout = config.layout();
  }

  /** A change waiting in a writer's queue; {@code done} completes once it is fully applied. */
  public record Pending(RepoChange change, long queuedAtNanos, CompletableFuture<Void> done) {}

  @PostConstruct
  void start() throws IOException {
    AtomicInteger n = new AtomicInteger();
    pool =
        Executors.newScheduledThreadPool(
            config.writerThreads(),
            r -> {
              Thread t = new Thread(r, "repo-writer-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    recover();
  }

  /**
   * What a start does after a crash, before any event is applied: half-staged builds are dropped
   * (their events come again and redo them) and every existing repository is repaired once.
   */
  void recover() throws IOException {
    updater.clearStaging();
    for (RepoId repo : existingRepos()) {
      submit(repo, new RepoChange.Repair());
    }
  }

  @PreDestroy
  void stop() throws InterruptedException {
    pool.shutdown();
    if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
      pool.shutdownNow();
    }
  }

  public CompletableFuture<Void> submit(RepoId repo, RepoChange change) {
    return writers.computeIfAbsent(repo, Writer::new).enqueue(change);
  }

  /** The chroots of a copr that exist on disk or have changes queued. */
  public Set<String> chroots(String copr) throws IOException {
    Set<String> chroots = new TreeSet<>();
    for (Path dir : Tree.subfolders(layout.repos().resolve(copr))) {
      chroots.add(dir.getFileName().toString());
    }
    writers.keySet().stream()
        .filter(r -> r.copr().equals(copr))
        .forEach(r -> chroots.add(r.chroot()));
    return chroots;
  }

  private List<RepoId> existingRepos() throws IOException {
    List<RepoId> repos = new ArrayList<>();
    for (Path copr : Tree.subfolders(layout.repos())) {
      for (Path chroot : Tree.subfolders(copr)) {
        try {
          repos.add(new RepoId(copr.getFileName().toString(), chroot.getFileName().toString()));
        } catch (IllegalArgumentException e) {
          LOG.warnf("ignoring %s: not a repository folder (%s)", chroot, e.getMessage());
        }
      }
    }
    return repos;
  }

  private final class Writer {
    private final RepoId repo;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    Writer(RepoId repo) {
      this.repo = repo;
    }

    CompletableFuture<Void> enqueue(RepoChange change) {
      Pending pending = new Pending(change, System.nanoTime(), new CompletableFuture<>());
      queue.add(pending);
      if (scheduled.compareAndSet(false, true)) {
        pool.schedule(this::drain, config.batchWindow().toMillis(), TimeUnit.MILLISECONDS);
      }
      return pending.done();
    }

    private void drain() {
      List<Pending> batch = new ArrayList<>();
      for (Pending p; batch.size() < config.maxBatch() && (p = queue.poll()) != null; ) {
        batch.add(p);
      }
      try {
        updater.apply(repo, batch);
      } catch (RuntimeException | Error e) {
        LOG.errorf(e, "batch of %d changes to %s failed", batch.size(), repo);
        batch.forEach(p -> p.done().completeExceptionally(e));
      } finally {
        scheduled.set(false);
        // Changes that came while this batch ran have waited long enough: go on at once.
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
          pool.execute(this::drain);
        }
      }
    }
  }
}
