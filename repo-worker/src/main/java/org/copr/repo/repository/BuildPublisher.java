package org.copr.repo.repository;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.NameRules;
import org.copr.contracts.Printable;
import org.copr.contracts.StorageLayout;
import org.copr.repo.Children;
import org.copr.repo.RepoId;
import org.copr.repo.RepoWorkerConfig;
import org.copr.repo.Tree;
import org.copr.repo.signing.PackageSigner;
import org.copr.runtime.kafka.KeyedSender;
import org.copr.runtime.process.ExternalCommand;
import org.jboss.logging.Logger;

/**
 * Moves a succeeded build's packages from {@code results/<build>/<attempt>/} (derived from the ids;
 * no event names a path) into its folder in the repository, and reports the outcome. Exactly the
 * artifacts that the publish request lists are taken, never "every RPM in the folder": each must be
 * a regular file directly in the results (a link, device or pipe refuses the build), and its bytes
 * must have the SHA-256 the build worker reported, checked on repo-worker's own copy as it is made,
 * so a file swapped in the folder after the worker finished is never published. Anything else in
 * the folder is ignored. The folder is assembled under {@code repos/.staging/} and renamed into
 * place, so a repository never holds half a build; results/ is emptied only after {@code published}
 * was acknowledged, so a crash at any step can be redone from the redelivered event. Every package
 * is signed with the copr's key in staging, before it enters the repository; one that cannot be
 * signed is never published.
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
        listed(build).forEach(l -> packages.add(l.path()));
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
      List<Listed> packages = listed(build);
      Optional<String> damaged =
          verify && !checked
              ? damaged(packages.stream().map(Listed::path).toList())
              : Optional.empty();
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
    // A reason may quote a package's header or a tool's output: one plain line, bounded.
    sender.status(
        new BuildStatus.PublishFailed(
            rejected.buildId(), rejected.attempt(), Printable.reason(rejected.reason())));
  }

  private Path results(CoprEvent.PublishRequested build) {
    return layout.results(build.buildId(), build.attempt());
  }

  /** A file the publish request lists, where it lies and the hash its bytes must have. */
  record Listed(Path path, String sha256) {}

  /**
   * The listed artifacts, each a regular file directly in the results (links are never followed);
   * whatever else the folder holds is not looked at.
   */
  private List<Listed> listed(CoprEvent.PublishRequested build) throws IOException {
    Path results = results(build);
    List<BuildStatus.Artifact> artifacts =
        build.artifacts() == null ? List.of() : build.artifacts();
    if (artifacts.isEmpty()) {
      throw new RefusedResults("no RPMs in " + layout.relativize(results) + " to publish");
    }
    Set<String> seen = new HashSet<>();
    List<Listed> listed = new ArrayList<>();
    for (BuildStatus.Artifact artifact : artifacts) {
      String file = artifact.file();
      if (!NameRules.rpmFile(file) || !seen.add(file)) {
        throw new RefusedResults("the artifact list names " + file + " twice or not as a file");
      }
      Path path = results.resolve(file);
      BasicFileAttributes attributes;
      try {
        attributes =
            Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      } catch (NoSuchFileException e) {
        throw new RefusedResults("artifact missing from results: " + file);
      }
      if (!attributes.isRegularFile()) {
        throw new RefusedResults("the results hold " + file + ", which is not a regular file");
      }
      listed.add(new Listed(path, artifact.sha256()));
    }
    return listed;
  }

  /** The results hold something that a build worker never leaves there. */
  private static final class RefusedResults extends IOException {
    RefusedResults(String message) {
      super(message);
    }
  }

  /**
   * Copies a listed file into staging as a new file of repo-worker's own and hashes the bytes it
   * wrote: what is signed and published is exactly what was checked.
   */
  private static void copyChecked(Listed listed, Path target) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = Files.newInputStream(listed.path(), LinkOption.NOFOLLOW_LINKS);
        OutputStream out =
            new DigestOutputStream(
                Files.newOutputStream(target, StandardOpenOption.CREATE_NEW), digest)) {
      in.transferTo(out);
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equals(listed.sha256())) {
      throw new RefusedResults(
          "the SHA-256 of "
              + listed.path().getFileName()
              + " is "
              + actual
              + ", the build worker reported "
              + listed.sha256());
    }
  }

  private Optional<String> damaged(List<Path> packages) {
    List<String> command = new ArrayList<>(List.of("rpm", "-K", "--nosignature", "--dbpath"));
    command.add(rpmDb.toString());
    packages.forEach(p -> command.add(p.toString()));
    ExternalCommand.Result result = Children.run(command, Duration.ofMinutes(5));
    return result.ok() ? Optional.empty() : Optional.of(result.tail(Createrepo.TAIL));
  }

  /** Returns whether an older attempt's folder was replaced. */
  private boolean moveIn(
      RepoId repo, Path dir, BuildMarker marker, List<Listed> packages, Path buildLog)
      throws IOException {
    Path staging =
        stagingRoot()
            .resolve(repo.copr())
            .resolve(repo.chroot())
            .resolve(dir.getFileName() + "-" + marker.attempt());
    Tree.delete(staging);
    Files.createDirectories(staging);
    List<Path> staged = new ArrayList<>();
    try {
      for (Listed rpm : packages) {
        Path copy = staging.resolve(rpm.path().getFileName());
        copyChecked(rpm, copy);
        staged.add(copy);
      }
    } catch (IOException e) {
      Tree.delete(staging);
      throw e;
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
