package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * api-service asks for a build. {@code blockedByBatch}, when not null, is the batch that must end
 * before the build may start (src-docs/scheduler.md, "Batches"): the scheduler holds the build
 * until a {@link BuildReleased} for it arrives.
 */
@JsonTypeName("build_requested")
@RegisterForReflection
public record BuildRequested(BuildSpec build, Long blockedByBatch) implements QueueRequest {
  public BuildRequested(BuildSpec build) {
    this(build, null);
  }

  @Override
  public long buildId() {
    return build.buildId();
  }
}
