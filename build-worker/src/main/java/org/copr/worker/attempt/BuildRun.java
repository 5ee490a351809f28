package org.copr.worker.attempt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.copr.contracts.BuildSpec;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.BuildStatus.Artifact;
import org.copr.contracts.Chroot;
import org.copr.contracts.Printable;
import org.copr.contracts.StorageLayout;
import org.copr.rpm.BuildRequirements;
import org.copr.runtime.kafka.KeyedSender;
import org.copr.worker.attempt.RunningBuild.Stop;
import org.copr.worker.attempt.RunningBuild.StopKind;
import org.copr.worker.builder.BuildJob;
import org.copr.worker.builder.Builder;
import org.copr.worker.config.ThisWorker;
import org.jboss.logging.Logger;

/**
 * Runs one attempt start to end: opens its log, reports {@code started}, runs the builder with a
 * timer, and works out the event that ends the attempt. Its private work folder is always removed.
 */
final class BuildRun {
  private static final Logger LOG = Logger.getLogger(BuildRun.class);

  /**
   * Exit code reported when the worker's timer stopped the builder (as coreutils' timeout does).
   */
  static final int EXIT_TIMEOUT = 124;

  /** Exit code reported when the builder never ran or its output was unusable. */
  static final int EXIT_NOT_RUN = -1;

  /** Exit code reported when the worker stopped the builder for the size of its log. */
  static final int EXIT_LOG_LIMIT = 125;

  /** How much of the end of a builder's rpmbuild log a failure reads. */
  static final int RPMBUILD_LOG_TAIL = 1 << 20;

  private final RunningBuild build;
  private final ThisWorker worker;
  private final Builder builder;
  private final KeyedSender sender;
  private final ScheduledExecutorService timers;
  private final StorageLayout storage;
  private final Path logFile;
  private final Path results;
  private final Path work;
  private final StepsSeen steps = new StepsSeen();

  /** What the builder installed for the attempt, once it has ended; null before. */
  private volatile List<BuildStatus.BuildrootPackage> buildroot;

  /** The worker's own stage of the attempt, named in its reason; null while the builder runs. */
  private volatile String stage = "checking the SRPM";

  BuildRun(
      RunningBuild build,
      ThisWorker worker,
      Builder builder,
      KeyedSender sender,
      ScheduledExecutorService timers) {
    this.build = build;
    this.worker = worker;
    this.builder = builder;
    this.sender = sender;
    this.timers = timers;
    this.storage = worker.storage();
    this.logFile = storage.log(build.buildId(), build.attempt());
    this.results = storage.results(build.buildId(), build.attempt());
    this.work =
        worker
            .workDir()
            .resolve(
                build.buildId()
                    + "-"
                    + build.attempt()
                    + "-"
                    + UUID.randomUUID().toString().substring(0, 8));
  }

  /** The event that ends the attempt; empty when the worker shut down under it. */
  Optional<BuildStatus> run() {
    if (build.stopped() != null) {
      return ended(build.stopped(), null, 0);
    }
    try (AttemptLog log =
        AttemptLog.create(
            logFile,
            worker.config().logTailLines(),
            worker.config().log().maxSize().asLongValue())) {
      worker.report(
          sender,
          new BuildStatus.Started(
              build.buildId(),
              build.attempt(),
              worker.id(),
              storage.relativize(logFile),
              worker.incarnation()));
      try {
        return keepOnlySuccess(build(log));
      } catch (IOException | RuntimeException e) {
        log.line("copr-build-worker: " + e.getMessage());
        deleteTree(results);
        String where = stage == null ? builder.name() : stage;
        return Optional.of(
            finished(
                false,
                EXIT_NOT_RUN,
                List.of(),
                log.tail(),
                0,
                where + " failed: " + oneLine(e.getMessage())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        deleteTree(results);
        return ended(new Stop(StopKind.SHUTDOWN, "worker interrupted"), log, 0);
      }
    } catch (IOException e) {
      String reason = "cannot write the build log: " + e.getMessage();
      return Optional.of(finished(false, EXIT_NOT_RUN, List.of(), reason, 0, oneLine(reason)));
    } finally {
      deleteTree(work);
    }
  }

  /** The results of an attempt that did not succeed are removed at once: nothing uses them. */
  private Optional<BuildStatus> keepOnlySuccess(Optional<BuildStatus> outcome) {
    if (!(outcome.orElse(null) instanceof BuildStatus.Finished f && f.success())) {
      deleteTree(results);
    }
    return outcome;
  }

  private Optional<BuildStatus> build(AttemptLog log) throws IOException, InterruptedException {
    BuildSpec spec = build.spec();
    // The log is the packager's: the worker's own details go to the worker's log.
    LOG.infof("%s: %s with %s", build, spec.packageName(), builder.name());
    Path srpm = checkedSrpm(spec);
    stage = "checking BuildRequires";
    checkBuildRequires(srpm);
    freshResults();
    Files.createDirectories(work.resolve("tmp"));
    Duration timeout = timeout();
    Path out = Files.createDirectories(work.resolve("results"));
    BuildJob job =
        new BuildJob(
            spec.buildId(),
            build.attempt(),
            Chroot.parse(spec.chroot()),
            srpm,
            out,
            work,
            spec.repos() == null ? List.of() : spec.repos(),
            timeout,
            build.slot());
    // BuildRequires and the like; a BuildRefusedException ends the attempt here with its reason.
    stage = "fetching BuildRequires";
    builder.prepare(job, log::line);
    List<String> command = builder.command(job);
    // Host folders, uids and limits: an operator's business, and no build's.
    LOG.infof("%s: $ %s", build, String.join(" ", command));
    stage = null;

    long start = System.nanoTime();
    BoundsSeen bounds = new BoundsSeen();
    BuilderProcess process =
        BuilderProcess.start(command, work, worker.path(), builder.environment(job, worker.path()));
    build.attach(process);
    ScheduledFuture<?> timer =
        timers.schedule(
            () -> build.stop(StopKind.TIMEOUT, "the build timed out after " + readable(timeout)),
            timeout.toMillis(),
            TimeUnit.MILLISECONDS);
    int exit;
    try {
      long maxSize = worker.config().log().maxSize().asLongValue();
      String tooLong = "the build log passed its limit of " + size(maxSize);
      process.pump(
          (int) Math.min(worker.config().log().maxLine().asLongValue(), 1 << 20),
          line -> {
            bounds.line(line);
            steps.line(line);
            if (!log.builderLine(line)) {
              build.stop(StopKind.LOG_LIMIT, tooLong);
            }
          },
          log::flush);
      exit = process.waitFor();
    } finally {
      timer.cancel(false);
      // Nothing the builder started may outlive the build, after an error or a normal exit.
      process.kill(timers, worker.config().killGrace());
    }
    long builderMillis = (System.nanoTime() - start) / 1_000_000;
    buildroot = builder.buildroot(job);

    if (build.stopped() != null) {
      return ended(build.stopped(), log, builderMillis);
    }
    if (exit != 0) {
      if (steps.step() == null) {
        rpmbuildOutput(builder.rpmbuildLog(job), log, bounds);
      }
      log.line(
          "copr-build-worker: "
              + builder.name()
              + " exited with "
              + exit
              + " after "
              + builderMillis
              + " ms");
      return Optional.of(
          finished(
              false,
              exit,
              List.of(),
              log.tail(),
              builderMillis,
              steps.reason(builder.name(), exit, bounds.why(builder.bounds(job)))));
    }
    stage = "checking results";
    checkResultBounds(out);
    Set<String> handedOver = handOver(out);
    String keptSrpm = keepSrpm(srpm);
    if (keptSrpm != null) {
      handedOver.add(keptSrpm);
    }
    // Only what this worker handed over: a file that another host put into the shared results
    // folder meanwhile is never listed, so repo-worker never publishes it.
    List<Artifact> artifacts = Artifacts.readAll(results, handedOver);
    if (artifacts.stream().allMatch(Artifact::source)) {
      String reason = "checking results failed: " + builder.name() + " exited 0 but left no RPMs";
      log.line("copr-build-worker: " + reason);
      return Optional.of(
          finished(false, EXIT_NOT_RUN, List.of(), log.tail(), builderMillis, reason));
    }
    log.line(
        "copr-build-worker: built in "
            + builderMillis
            + " ms: "
            + artifacts.stream().map(Artifact::file).toList());
    return Optional.of(finished(true, 0, artifacts, "", builderMillis, null));
  }

  /**
   * What rpmbuild said, from the file where the builder left it (mock's build.log), into the
   * packager's log and the reason, as if the builder had printed it: at most its last {@link
   * #RPMBUILD_LOG_TAIL} bytes, each line cut as a printed one is. The file is the builder's, in the
   * attempt's private work folder; a link there is not followed.
   */
  private void rpmbuildOutput(Path file, AttemptLog log, BoundsSeen bounds) throws IOException {
    if (file == null || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    ByteBuffer bytes;
    long from;
    try (SeekableByteChannel in = Files.newByteChannel(file, LinkOption.NOFOLLOW_LINKS)) {
      from = Math.max(0, in.size() - RPMBUILD_LOG_TAIL);
      in.position(from);
      bytes = ByteBuffer.allocate((int) Math.min(in.size() - from, RPMBUILD_LOG_TAIL));
      while (bytes.hasRemaining() && in.read(bytes) > 0) {
        // reads until the buffer is full or the file ends
      }
    }
    List<String> lines =
        new String(bytes.array(), 0, bytes.position(), StandardCharsets.UTF_8).lines().toList();
    if (from > 0 && !lines.isEmpty()) {
      lines = lines.subList(1, lines.size()); // the first one is cut
    }
    log.line(
        "copr-build-worker: "
            + builder.name()
            + " wrote rpmbuild's output to "
            + file.getFileName()
            + (from > 0 ? ", whose last " + size(RPMBUILD_LOG_TAIL) + " follow" : ":"));
    int maxLine = (int) Math.min(worker.config().log().maxLine().asLongValue(), 1 << 20);
    for (String line : lines) {
      String cut = line.length() > maxLine ? line.substring(0, maxLine) : line;
      bounds.line(cut);
      steps.line(cut);
      log.builderLine(cut);
    }
    log.flush();
  }

  /**
   * Every header requirement must be a dependency token (module rpm's rule, as at intake): an SRPM
   * that reaches the worker some other way is refused before anything runs, whatever the backend.
   */
  private static void checkBuildRequires(Path srpm) throws IOException {
    BuildRequirements.read(srpm);
  }

  /**
   * The result folder may hold at most {@code results.max-files} entries of at most {@code
   * results.max-size} together, each counted at its apparent size (a sparse file counts whole, as a
   * copy would write it); checked before anything is copied or read.
   */
  private void checkResultBounds(Path dir) throws IOException {
    int maxFiles = worker.config().results().maxFiles();
    long maxSize = worker.config().results().maxSize().asLongValue();
    int count = 0;
    long total = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (++count > maxFiles) {
          throw new IOException(
              "the build left more than "
                  + maxFiles
                  + " files in its results; at most "
                  + maxFiles);
        }
        BasicFileAttributes a =
            Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        total += a.size();
        if (total > maxSize) {
          throw new IOException(
              "the build's results pass their limit of "
                  + size(maxSize)
                  + " (files counted at their apparent size, sparse ones whole)");
        }
      }
    }
  }

  /**
   * The attempt's results folder is one this worker made empty, now: whatever was there before (a
   * file someone placed for this attempt, a link) is removed, and if anything remains, or the
   * build's folder is not a plain folder, the attempt fails instead of handing it over.
   */
  private void freshResults() throws IOException {
    Path buildDir = results.getParent();
    // A link is removed before anything below it is: never delete through it.
    if (Files.isSymbolicLink(buildDir)) {
      Files.delete(buildDir);
    }
    deleteTree(results);
    Files.createDirectories(buildDir);
    if (!Files.isDirectory(buildDir, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(storage.relativize(buildDir) + " is not a folder");
    }
    try {
      Files.createDirectory(results);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new IOException(
          "cannot start with an empty "
              + storage.relativize(results)
              + ": something remains there");
    }
  }

  /**
   * Copies what the builder left in its private result folder to the shared storage: regular files
   * only (anything else fails the build), each copied as a new file, never through a link.
   */
  private Set<String> handOver(Path out) throws IOException {
    Set<String> names = new HashSet<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path file : files.sorted().toList()) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          throw new IOException(
              "the build left " + file.getFileName() + ", which is not a regular file");
        }
        Files.copy(
            file,
            results.resolve(file.getFileName().toString()),
            LinkOption.NOFOLLOW_LINKS,
            StandardCopyOption.REPLACE_EXISTING);
        names.add(file.getFileName().toString());
      }
    }
    return names;
  }

  /** The SRPM is named by its content's SHA-256, which the dispatch carries; no path is taken. */
  private Path checkedSrpm(BuildSpec spec) throws IOException {
    Path srpm = storage.srpm(spec.srpmSha256());
    if (!Files.isRegularFile(srpm, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException("the SRPM is not on the shared storage: " + storage.relativize(srpm));
    }
    String actual = sha256(srpm);
    if (!actual.equals(spec.srpmSha256())) {
      throw new IOException(
          "the SRPM's SHA-256 is " + actual + ", the request says " + spec.srpmSha256());
    }
    return srpm;
  }

  /**
   * rpmbuild leaves the SRPM where it was (named by its SHA-256); mock rebuilds it into the result
   * directory. Either way the results hold it under its NEVRA, as users expect in a repository.
   */
  private String keepSrpm(Path srpm) throws IOException {
    try (Stream<Path> files = Files.list(results)) {
      if (files.noneMatch(p -> p.getFileName().toString().endsWith(".src.rpm"))) {
        Artifact source = Artifacts.read(srpm);
        String file = source.name() + "-" + source.version() + "-" + source.release() + ".src.rpm";
        Files.copy(srpm, results.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        return file;
      }
    }
    return null;
  }

  private Duration timeout() {
    long seconds = build.dispatch().timeoutSeconds();
    return seconds > 0 ? Duration.ofSeconds(seconds) : worker.config().buildTimeout();
  }

  private Optional<BuildStatus> ended(Stop given, AttemptLog log, long builderMillis) {
    Stop stop = given.kind() == StopKind.CANCEL ? given : where(given);
    if (log != null) {
      log.line("copr-build-worker: " + stop.reason());
    }
    return switch (stop.kind()) {
      case CANCEL ->
          Optional.of(
              new BuildStatus.Canceled(
                  build.buildId(),
                  build.attempt(),
                  stop.reason(),
                  worker.id(),
                  worker.incarnation()));
      case TIMEOUT, LOG_LIMIT ->
          Optional.of(
              finished(
                  false,
                  stop.kind() == StopKind.TIMEOUT ? EXIT_TIMEOUT : EXIT_LOG_LIMIT,
                  List.of(),
                  log == null ? stop.reason() : log.tail(),
                  builderMillis,
                  stop.reason()));
      case SHUTDOWN -> Optional.empty();
    };
  }

  /** A timeout or the log's bound, named with the step it stopped the build in. */
  private Stop where(Stop stop) {
    String step = stage != null ? stage : steps.step();
    return step == null ? stop : new Stop(stop.kind(), step + " failed: " + stop.reason());
  }

  private BuildStatus.Finished finished(
      boolean success,
      int exitCode,
      List<Artifact> artifacts,
      String logTail,
      long builderMillis,
      String reason) {
    BuildSpec spec = build.spec();
    return new BuildStatus.Finished(
        spec.buildId(),
        build.attempt(),
        worker.id(),
        spec.copr(),
        spec.chroot(),
        spec.packageName(),
        success,
        exitCode,
        storage.relativize(results),
        storage.relativize(logFile),
        artifacts,
        logTail,
        builderMillis,
        Printable.reason(reason),
        worker.incarnation(),
        buildroot);
  }

  /** A reason is one line of at most 1,000 characters, whatever an exception said. */
  private static String oneLine(String text) {
    String line = text == null ? "the worker failed" : text.lines().findFirst().orElse("");
    return line.length() <= 1000 ? line : line.substring(0, 1000);
  }

  /** 90 seconds as "1m30s", as the configuration writes it. */
  static String readable(Duration duration) {
    return duration.toString().substring(2).toLowerCase();
  }

  private static String size(long bytes) {
    long mib = 1024 * 1024;
    return bytes % mib == 0 ? bytes / mib + " MiB" : bytes + " bytes";
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      io.quarkus.logging.Log.warnf("cannot remove %s: %s", dir, e.getMessage());
    }
  }
}
