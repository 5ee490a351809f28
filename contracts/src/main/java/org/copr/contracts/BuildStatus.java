package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Topic {@link Topics#BUILDS_STATUS}, keyed by build id: every step of one attempt of a build. An
 * event whose attempt is not the build's current one is stale and changes nothing.
 */
public sealed interface BuildStatus extends Event {

  long buildId();

  int attempt();

  /** Scheduler: the attempt was sent to the workers of {@code arch}. */
  @JsonTypeName("dispatched")
  @RegisterForReflection
  record Dispatched(long buildId, int attempt, String arch) implements BuildStatus {}

  /**
   * Worker: the builder runs. {@code incarnation} is the worker process's (as in its heartbeats);
   * the scheduler forwards the event only for the attempt it dispatched to that worker and
   * incarnation.
   */
  @JsonTypeName("started")
  @RegisterForReflection
  record Started(long buildId, int attempt, String workerId, String log, String incarnation)
      implements BuildStatus {
    public Started(long buildId, int attempt, String workerId, String log) {
      this(buildId, attempt, workerId, log, null);
    }
  }

  /**
   * Worker: the builder ended. On success {@code artifacts} lists the RPMs and the SRPM in {@code
   * results} (relative to the storage root); on failure {@code exitCode}, {@code logTail} and
   * {@code reason} (one line, e.g. {@code nothing provides hello-dep}; null from older workers) say
   * why. {@code builderMillis} is the time the builder itself ran. {@code buildroot} lists the
   * packages installed from the build's repositories for it (empty when none; null from older
   * workers).
   */
  @JsonTypeName("finished")
  @RegisterForReflection
  record Finished(
      long buildId,
      int attempt,
      String workerId,
      String copr,
      String chroot,
      String packageName,
      boolean success,
      int exitCode,
      String results,
      String log,
      List<Artifact> artifacts,
      String logTail,
      long builderMillis,
      String reason,
      String incarnation,
      List<BuildrootPackage> buildroot)
      implements BuildStatus {
    public Finished(
        long buildId,
        int attempt,
        String workerId,
        String copr,
        String chroot,
        String packageName,
        boolean success,
        int exitCode,
        String results,
        String log,
        List<Artifact> artifacts,
        String logTail,
        long builderMillis,
        String reason,
        String incarnation) {
      this(
          buildId,
          attempt,
          workerId,
          copr,
          chroot,
          packageName,
          success,
          exitCode,
          results,
          log,
          artifacts,
          logTail,
          builderMillis,
          reason,
          incarnation,
          null);
    }

    /** The same report with another recorded buildroot. */
    public Finished withBuildroot(List<BuildrootPackage> packages) {
      return new Finished(
          buildId,
          attempt,
          workerId,
          copr,
          chroot,
          packageName,
          success,
          exitCode,
          results,
          log,
          artifacts,
          logTail,
          builderMillis,
          reason,
          incarnation,
          packages);
    }

    /** The same report under another worker's name: what a forger would send. */
    public Finished withWorker(String otherWorkerId) {
      return new Finished(
          buildId,
          attempt,
          otherWorkerId,
          copr,
          chroot,
          packageName,
          success,
          exitCode,
          results,
          log,
          artifacts,
          logTail,
          builderMillis,
          reason,
          incarnation,
          buildroot);
    }
  }

  /** Repo-worker: the build is in its repository and the metadata covers it. */
  @JsonTypeName("published")
  @RegisterForReflection
  record Published(long buildId, int attempt, String copr, String chroot, String repoPath)
      implements BuildStatus {}

  @JsonTypeName("publish_failed")
  @RegisterForReflection
  record PublishFailed(long buildId, int attempt, String reason) implements BuildStatus {}

  /** Scheduler: the build will not be tried again (attempts used up, timeout, no such arch). */
  @JsonTypeName("failed")
  @RegisterForReflection
  record Failed(long buildId, int attempt, String reason) implements BuildStatus {}

  /**
   * Scheduler (dropped from the queue) or worker (builder killed) after a cancel; a worker's names
   * itself and its incarnation, as {@link Started} does.
   */
  @JsonTypeName("canceled")
  @RegisterForReflection
  record Canceled(long buildId, int attempt, String reason, String workerId, String incarnation)
      implements BuildStatus {
    public Canceled(long buildId, int attempt, String reason) {
      this(buildId, attempt, reason, null, null);
    }
  }

  /**
   * One file of a build's results, with the NEVRA read from its header and the SHA-256 (64
   * lower-case hex digits) of the bytes the worker handed over: repo-worker publishes exactly the
   * listed files, and only when their content still has that hash.
   */
  @RegisterForReflection
  record Artifact(
      String file,
      String name,
      Integer epoch,
      String version,
      String release,
      String arch,
      String sha256) {
    public boolean source() {
      return file.endsWith(".src.rpm");
    }
  }

  /**
   * One package installed into a build's buildroot, with the repository (its base URL) it came
   * from: what the build was built against, as Koji records a buildroot.
   */
  @RegisterForReflection
  record BuildrootPackage(
      String name, Integer epoch, String version, String release, String arch, String repo) {
    public String nevra() {
      return name + "-" + (epoch == null ? "" : epoch + ":") + version + "-" + release + "." + arch;
    }
  }
}
