package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * Topic {@link Topics#BUILDS_CONTROL}, keyed by build id, read by the scheduler and by every
 * worker. {@code attempt} 0 means every attempt (a user's cancel); a positive one stops just that
 * attempt (the scheduler gave up on it and requeued the build).
 */
@JsonTypeName("cancel_build")
@RegisterForReflection
public record CancelBuild(
    UUID eventId, Instant occurredAt, int schemaVersion, long buildId, int attempt, String reason)
    implements Event {
  public CancelBuild(long buildId, int attempt, String reason) {
    this(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, buildId, attempt, reason);
  }

  public boolean appliesTo(int runningAttempt) {
    return attempt == 0 || attempt == runningAttempt;
  }
}
