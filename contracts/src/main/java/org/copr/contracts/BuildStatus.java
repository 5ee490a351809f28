package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
  record Dispatched(
      UUID eventId, Instant occurredAt, int schemaVersion, long buildId, int attempt, String arch)
      implements BuildStatus {
    public Dispatched(long buildId, int attempt, String arch) {
      this(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, buildId, attempt, arch);
    }
  }

  /**
   * Worker: the builder runs. {@code incarnation} is the worker process's (as in its heartbeats);
   * the scheduler forwards the event only for the attempt it dispatched to that worker and
   * incarnation.
   */
  @JsonTypeName("started")
  @RegisterForReflection
  record Started(
      UUID eventId,
      Instant occurredAt,
      int schemaVersion,
      long buildId,
      int attempt,
      String workerId,
      String log,
      String incarnation)
      implements BuildStatus {
    public Started(long buildId, int attempt, String workerId, String log) {
      this(buildId, attempt, workerId, log, null);
    }

    public Started(long buildId, int attempt, String workerId, String log, String incarnation) {
      this(
          UUID.randomUUID(),
          Instant.now(),
          SCHEMA_VERSION,
          buildId,
          attempt,
          workerId,
          log,
          incarnation);
    }
  }

  /**
   * Worker: the builder ended. On success {@code artifacts} lists the RPMs and the SRPM in {@code
   * results} (relative to the storage root); on failure {@code exitCode}, {@code logTail} and
   * {@code reason} (one line, e.g. {@code nothing provides hello-dep}; null from older workers) say
   * why. {@code builderMillis} is the time the builder itself ran.
   */
  @JsonTypeName("finished")
  @RegisterForReflection
  record Finished(
      UUID eventId,
      Instant occurredAt,
      int schemaVersion,
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
      String incarnation)
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
        long builderMillis) {
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
          null);
    }

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
        String reason) {
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
          null);
    }

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
          UUID.randomUUID(),
          Instant.now(),
          SCHEMA_VERSION,
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
          incarnation);
    }

    /** The same report under another worker's name: what a forger would send. */
    public Finished withWorker(String otherWorkerId) {
      return new Finished(
          eventId,
          occurredAt,
          schemaVersion,
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
          incarnation);
    }
  }

  /** Repo-worker: the build is in its repository and the metadata covers it. */
  @JsonTypeName("published")
  @RegisterForReflection
  record Published(
      UUID eventId,
      Instant occurredAt,
      int schemaVersion,
      long buildId,
      int attempt,
      String copr,
      String chroot,
      String repoPath)
      implements BuildStatus {
    public Published(long buildId, int attempt, String copr, String chroot, String repoPath) {
      this(
          UUID.randomUUID(),
          Instant.now(),
          SCHEMA_VERSION,
          buildId,
          attempt,
          copr,
          chroot,
          repoPath);
    }
  }

  @JsonTypeName("publish_failed")
  @RegisterForReflection
  record PublishFailed(
      UUID eventId, Instant occurredAt, int schemaVersion, long buildId, int attempt, String reason)
      implements BuildStatus {
    public PublishFailed(long buildId, int attempt, String reason) {
      this(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, buildId, attempt, reason);
    }
  }

  /** Scheduler: the build will not be tried again (attempts used up, timeout, no such arch). */
  @JsonTypeName("failed")
  @RegisterForReflection
  record Failed(
      UUID eventId, Instant occurredAt, int schemaVersion, long buildId, int attempt, String reason)
      implements BuildStatus {
    public Failed(long buildId, int attempt, String reason) {
      this(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, buildId, attempt, reason);
    }
  }

  /**
   * Scheduler (dropped from the queue) or worker (builder killed) after a cancel; a worker's names
   * itself and its incarnation, as {@link Started} does.
   */
  @JsonTypeName("canceled")
  @RegisterForReflection
  record Canceled(
      UUID eventId,
      Instant occurredAt,
      int schemaVersion,
      long buildId,
      int attempt,
      String reason,
      String workerId,
      String incarnation)
      implements BuildStatus {
    public Canceled(long buildId, int attempt, String reason) {
      this(buildId, attempt, reason, null, null);
    }

    public Canceled(long buildId, int attempt, String reason, String workerId, String incarnation) {
      this(
          UUID.randomUUID(),
          Instant.now(),
          SCHEMA_VERSION,
          buildId,
          attempt,
          reason,
          workerId,
          incarnation);
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
}
