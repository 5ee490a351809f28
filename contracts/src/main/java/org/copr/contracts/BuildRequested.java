package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** Topic {@link Topics#BUILDS_REQUESTED}, keyed by build id: api-service asks for a build. */
@JsonTypeName("build_requested")
@RegisterForReflection
public record BuildRequested(UUID eventId, Instant occurredAt, int schemaVersion, BuildSpec build)
    implements Event {
  public BuildRequested(BuildSpec build) {
    this(UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, build);
  }
}
