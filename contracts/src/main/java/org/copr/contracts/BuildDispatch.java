package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * Topic {@link Topics#workerDispatch(String)}, keyed by build id: the scheduler hands one attempt
 * of a build to one worker of the chroot's arch, the one named by {@code workerId} in its {@code
 * incarnation}. Only that worker reads its dispatch topic, and builds only what is addressed to it
 * as it runs now, so a dispatch delivered again, or to a restarted worker, is never built twice.
 */
@JsonTypeName("build_dispatch")
@RegisterForReflection
public record BuildDispatch(
    UUID eventId,
    Instant occurredAt,
    int schemaVersion,
    BuildSpec build,
    int attempt,
    long timeoutSeconds,
    String workerId,
    String incarnation)
    implements Event {
  public BuildDispatch(
      BuildSpec build, int attempt, long timeoutSeconds, String workerId, String incarnation) {
    this(
        UUID.randomUUID(),
        Instant.now(),
        SCHEMA_VERSION,
        build,
        attempt,
        timeoutSeconds,
        workerId,
        incarnation);
  }

  public boolean isFor(String worker, String workerIncarnation) {
    return worker.equals(workerId) && workerIncarnation.equals(incarnation);
  }
}
