package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * Topic {@link Topics#dispatch(String)}, keyed by build id: the scheduler hands one attempt of a
 * build to the workers of the chroot's arch.
 */
@JsonTypeName("build_dispatch")
@RegisterForReflection
public record BuildDispatch(
    UUID eventId,
    Instant occurredAt,
    int schemaVersion,
    BuildSpec build,
    int attempt,
    long timeoutSeconds)
    implements Event {
  public BuildDispatch(BuildSpec build, int attempt, long timeoutSeconds) {
    this(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, build, attempt, timeoutSeconds);
  }
}
