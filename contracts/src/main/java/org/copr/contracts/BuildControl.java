package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Topic {@link Topics#BUILDS_CONTROL}, keyed by build id, read by the scheduler and by every
 * worker: orders to stop building. A worker that runs the build stops what {@link #stops} names.
 */
public sealed interface BuildControl extends Event {

  long buildId();

  String reason();

  /** True when this order stops {@code attempt} of the build. */
  boolean stops(int attempt);

  /**
   * api-service: the build's owner canceled it (or its copr, package or chroot was removed). Every
   * attempt stops; the scheduler drops it from the queue, and the build ends canceled.
   */
  @JsonTypeName("cancel_build")
  @RegisterForReflection
  record Cancel(long buildId, String reason) implements BuildControl {
    @Override
    public boolean stops(int attempt) {
      return true;
    }
  }

  /**
   * scheduler-service: it took this one attempt away from its worker (gone, never started, out of
   * time) and requeued or ended the build; the worker that still runs it stops. Other attempts of
   * the build go on.
   */
  @JsonTypeName("stop_attempt")
  @RegisterForReflection
  record StopAttempt(long buildId, int attempt, String reason) implements BuildControl {
    @Override
    public boolean stops(int running) {
      return running == attempt;
    }
  }
}
