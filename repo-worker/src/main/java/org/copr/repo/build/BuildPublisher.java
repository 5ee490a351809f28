package org.copr.repo.build;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.StorageLayout;
import org.copr.repo.RepoWorkerConfig;
import org.copr.repo.repository.Command;
import org.copr.repo.repository.RepoId;
import org.copr.repo.repository.Tree;
import org.copr.repo.signing.PackageSigner;
import org.copr.runtime.kafka.KeyedSender;
import org.jboss.logging.Logger;

/**
 * Moves a succeeded build's packages from {@code results/<build>/<attempt>/} (derived from the ids;
 * no event names a path) into its folder in the repository, and reports the outcome. Only regular
 * files are taken: a build that left a symlink, a device or a pipe among its results is refused, so
 * a hostile build cannot make repo-worker publish or delete anything outside them. The folder is
 * assembled under {@code repos/.staging/} and renamed into place, so a repository never holds half
 * a build; the files are hard-linked, and results/ is emptied only after {@code published} was
 * acknowledged, so a crash at any step can be redone from the redelivered event. Every package is
 * signed with the copr's key in staging, before it enters the repository; one that cannot be signed
 * is never published.
 */
@ApplicationScoped
public class BuildPublisher {
  private static final Logger LOG = Logger.getLogger(BuildPublisher.class);
  private static final String LOG_FILE = "build.log";

  private final StorageLayout layout;
  private final boolean verify;
  private final KeyedSender sender;
  private final Timer latency;
  private final Counter failures;
  private final Path rpmDb;
  private final PackageSigner signer;

  BuildPublisher(
      RepoWorkerConfig config, KeyedSender sender, MeterRegistry registry, PackageSigner signer)
      throws IOException {
    this.layout = config.layout();
    this.signer = signer;
    this.verify = config.verifyPackages();
    this.sender = sender;
    this.latency =
        Timer.builder("copr.repo.publish.latency")
            .description(
                "From a finished event's arrival to its published event being acknowledged")
            .publishPercentiles(0.5, 0.95)
            .register(registry);
    this.failures =
        Counter.builder("copr.repo.publish.failed")
            .description("Builds reported as publish_failed")
            .register(registry);
    // rpm -K needs a database path; an empty private one keeps the host's untouched.
    this.rpmDb = Files.createTempDirectory("copr-rpmdb-");
  }

  public Path stagingRoot() {
    return layout.repos().resolve(".staging");
  }

  /**
   * Checks the packages of several builds with one {@code rpm -K} (one process instead of one per
   * build matters for large batches). False when any is damaged or unreadable: then {@link #stage}
   * checks each build on its own to find which.
   */
  public boolean allIntact(List<CoprEvent.PublishRequested> builds) {
    if (!verify) {
      return true;
    }
    List<Path> packages = new ArrayList<>();
    try {
      for (CoprEvent.PublishRequested build : builds) {
        packages.addAll(packages(results(build)));
      }
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
    return !packages.isEmpty() && damaged(packages).isEmpty();
  }

  /**
   * Brings the build's folder into the repository, or says why not. Runs in the repo's writer.
   *
   * @param checked its packages passed {@link #allIntact} already
   */
  public Staging stage(
      RepoId repo, CoprEvent.PublishRequested build, long queuedAtNanos, boolean checked) {
    long id = build.buildId();
    int attempt = build.attempt();
    String name;
    try {
      name = RepoId.requireName("package", build.packageName());
    } catch (IllegalArgumentException e) {
      return new Staging.Rejected(id, attempt, e.getMessage());
    }
    if (!Files.isDirectory(repo.path(layout), LinkOption.NOFOLLOW_LINKS)) {
      return new Staging.Rejected(id, attempt, "there is no repository " + repo);
    }
    Path results = results(build);
    Path buildLog = layout.log(id, attempt);
    Path dir = layout.publishedBuild(repo.copr(), repo.chroot(), id, name);
    Optional<BuildMarker> existing = BuildMarker.read(dir);
    if (existing.isPresent()) {
      BuildMarker held = existing.get();
      if (held.attempt() > attempt) {
        return new Staging.Skipped("attempt " + held.attempt() + " is already published");
      }
      if (held.attempt() == attempt) {
        return held.reported()
            ? new Staging.Skipped("already published")
            : new Staging.Ready(held, dir, results, false, queuedAtNanos);
      }
    }
    try {
      List<Path> packages = packages(results);
      if (packages.isEmpty()) {
        return new Staging.Rejected(
            id, attempt, "no RPMs in " + layout.relativize(results) + " to publish");
      }
      Optional<String> missing = missingArtifact(build, packages);
      if (missing.isPresent()) {
        return new Staging.Rejected(id, attempt, "artifact missing from results: " + missing.get());
      }
      Optional<String> damaged = verify && !checked ? damaged(packages) : Optional.empty();
      if (damaged.isPresent()) {
        return new Staging.Rejected(id, attempt, "package check failed: " + damaged.get());
      }
      BuildMarker marker = new BuildMarker(id, attempt, name, false);
      boolean replaced = moveIn(repo, dir, marker, packages, buildLog);
      LOG.infof("build %d attempt %d of %s moved into %s", id, attempt, name, repo);
      return new Staging.Ready(marker, dir, results, replaced, queuedAtNanos);
    } catch (RefusedResults | PackageSigner.SigningFailed e) {
      return new Staging.Rejected(id, attempt, e.getMessage());
    } catch (IOException e) {
      return new Staging.Rejected(id, attempt, "cannot move packages: " + e.getMessage());
    }
  }

  /** A build folder that a crash left unreported, found when a repository is repaired. */
  public Optional<Staging.Ready> unreported(Path dir) {
    return BuildMarker.read(dir)
        .filter(m -> !m.reported())
        .map(m -> new Staging.Ready(m, dir, layout.results(m.buildId(), m.attempt()), false, 0));
  }

  /**
   * The metadata covers the build: results/ goes (the build folder holds links to all of it, and
   * whoever sees {@code published} finds results/ gone), then the event, then the marker says so.
   */
  public void published(RepoId repo, Staging.Ready ready) {
    BuildMarker m = ready.marker();
    try {
      Tree.delete(ready.results());
      sender.status(
          new BuildStatus.Published(
              m.buildId(),
              m.attempt(),
              repo.copr(),
              repo.chroot(),
              layout.relativize(ready.dir())));
      m.asReported().write(ready.dir());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (ready.queuedAtNanos() > 0) {
      latency.record(System.nanoTime() - ready.queuedAtNanos(), TimeUnit.NANOSECONDS);
    }
    LOG.infof("build %d attempt %d published in %s", m.buildId(), m.attempt(), repo);
  }

  /** Takes a build folder back out after its metadata could not be written, and reports that. */
  public void withdraw(RepoId repo, Staging.Ready ready, String reason) {
    try {
      Tree.delete(ready.dir());
    } catch (IOException e) {
      LOG.errorf(e, "cannot remove %s", ready.dir());
    }
    failed(repo, new Staging.Rejected(ready.marker().buildId(), ready.marker().attempt(), reason));
  }

  public void failed(RepoId repo, Staging.Rejected rejected) {
    LOG.warnf(
        "build %d attempt %d not published in %s: %s",
        rejected.buildId(), rejected.attempt(), repo, rejected.reason());
    failures.increment();
    sender.status(
        new BuildStatus.PublishFailed(rejected.buildId(), rejected.attempt(), rejected.reason()));
  }

  private Path results(CoprEvent.PublishRequested build) {
    return layout.results(build.buildId(), build.attempt());
  }

  /**
   * The RPMs among the results. rpmbuild puts binary RPMs into {@code <arch>/} sub-folders; the
   * repository keeps them flat. Links are never followed, and anything but a folder or a regular
   * file refuses the whole build.
   */
  private static List<Path> packages(Path results) throws IOException {
    if (!Files.isDirectory(results, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Path> packages = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(results, 2)) {
      for (Path p : walk.toList()) {
        BasicFileAttributes file =
            Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (file.isRegularFile() && p.getFileName().toString().endsWith(".rpm")) {
          packages.add(p);
        } else if (!file.isRegularFile() && !file.isDirectory()) {
          throw new RefusedResults(
              "the results hold " + results.relativize(p) + ", which is not a regular file");
        }
      }
    }
    packages.sort(null);
    return packages;
  }

  /** The results hold something that a build worker never leaves there. */
  private static final class RefusedResults extends IOException {
    RefusedResults(String message) {
      super(message);
    }
  }

  private static Optional<String> missingArtifact(
      CoprEvent.PublishRequested build, List<Path> packages) {
    if (build.artifacts() == null) {
      return Optional.empty();
    }
    List<String> names = packages.stream().map(p -> p.getFileName().toString()).toList();
    return build.artifacts().stream()
        .map(a -> Path.of(a.file()).getFileName().toString())
        .filter(file -> !names.contains(file))
        .findFirst();
  }

  private Optional<String> damaged(List<Path> packages) {
    List<String> command = new ArrayList<>(List.of("rpm", "-K", "--nosignature", "--dbpath"));
    command.add(rpmDb.toString());
    packages.forEach(p -> command.add(p.toString()));
    Command.Result result = Command.run(command, Duration.ofMinutes(5));
    return result.ok() ? Optional.empty() : Optional.of(result.tail());
  }

  /** Returns whether an older attempt's folder was replaced. */
  private boolean moveIn(
      RepoId repo, Path dir, BuildMarker marker, List<Path> packages, Path buildLog)
      throws IOException {
    Path staging =
        stagingRoot()
            .resolve(repo.copr())
            .resolve(repo.chroot())
            .resolve(dir.getFileName() + "-" + marker.attempt());
    Tree.delete(staging);
    Files.createDirectories(staging);
    List<Path> staged = new ArrayList<>();
    for (Path rpm : packages) {
      Path copy = staging.resolve(rpm.getFileName());
      Tree.linkOrCopy(rpm, copy);
      staged.add(copy);
    }
    signer.sign(repo.copr(), staged);
    if (Files.isRegularFile(buildLog, LinkOption.NOFOLLOW_LINKS)) {
      Tree.linkOrCopy(buildLog, staging.resolve(LOG_FILE));
    }
    marker.write(staging);
    Files.createDirectories(dir.getParent());
    boolean replaced = Files.exists(dir);
    if (replaced) {
      Path old = staging.resolveSibling(staging.getFileName() + ".old");
      Tree.delete(old);
      Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
      Tree.delete(old);
    } else {
      Files.move(staging, dir, StandardCopyOption.ATOMIC_MOVE);
    }
    return replaced;
  }
}
