package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Topic {@link Topics#workerDispatch(String)}, keyed by build id: the scheduler hands one attempt
 * of a build to one worker of the chroot's arch, the one named by {@code workerId} in its {@code
 * incarnation}. Only that worker reads its dispatch topic, and builds only what is addressed to it
 * as it runs now, so a dispatch delivered again, or to a restarted worker, is never built twice.
 */
@JsonTypeName("build_dispatch")
@RegisterForReflection
public record BuildDispatch(
    BuildSpec build, int attempt, long timeoutSeconds, String workerId, String incarnation)
    implements Event {
  public boolean isFor(String worker, String workerIncarnation) {
    return worker.equals(workerId) && workerIncarnation.equals(incarnation);
  }
}
