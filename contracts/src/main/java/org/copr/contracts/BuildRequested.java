package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Topic {@link Topics#BUILDS_REQUESTED}, keyed by build id: api-service asks for a build. {@code
 * timeoutSeconds} is how long the build may run (its copr's or its request's timeout); 0, as in
 * events written before it existed, leaves it to the scheduler's {@code build-timeout}. {@code
 * blockedByBatch}, when not null, is the batch that must end before the build may start
 * (src-docs/scheduler.md, "Batches"): the scheduler holds the build until a {@link BuildReleased}
 * for it arrives.
 */
@JsonTypeName("build_requested")
@RegisterForReflection
public record BuildRequested(BuildSpec build, long timeoutSeconds, Long blockedByBatch)
    implements QueueRequest {
  /** Fedora Copr's longest build timeout (30 hours), the longest a build may ask for. */
  public static final long MAX_TIMEOUT_SECONDS = 108_000;

  /** A request that leaves the timeout to the scheduler and waits for no batch. */
  public BuildRequested(BuildSpec build) {
    this(build, 0, null);
  }

  @Override
  public long buildId() {
    return build.buildId();
  }
}
