package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * api-service: the batch a build waited for ended (every build of it succeeded, failed or was
 * canceled), so the build may be dispatched now.
 */
@JsonTypeName("build_released")
@RegisterForReflection
public record BuildReleased(long buildId, long batchId) implements QueueRequest {}
