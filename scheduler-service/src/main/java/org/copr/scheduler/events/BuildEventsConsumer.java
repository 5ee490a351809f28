package org.copr.scheduler.events;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletionStage;
import org.copr.contracts.BuildControl;
import org.copr.contracts.BuildReleased;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.QueueRequest;
import org.copr.contracts.Topics;
import org.copr.runtime.inbound.Inbound;
import org.copr.scheduler.build.BuildTransitions;
import org.copr.scheduler.queue.Dispatcher;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Build requests and users' cancels (the workers' reports: {@code ReportsConsumer}). */
@ApplicationScoped
public class BuildEventsConsumer {
  private final Inbound inbound;
  private final BuildTransitions builds;
  private final Dispatcher dispatcher;

  BuildEventsConsumer(Inbound inbound, BuildTransitions builds, Dispatcher dispatcher) {
    this.inbound = inbound;
    this.builds = builds;
    this.dispatcher = dispatcher;
  }

  @Incoming(Topics.BUILDS_REQUESTED)
  @Blocking
  public CompletionStage<Void> requested(Message<String> message) {
    return inbound.apply(message, QueueRequest.class, this::requested);
  }

  @Incoming(Topics.BUILDS_CONTROL)
  @Blocking
  public CompletionStage<Void> control(Message<String> message) {
    return inbound.apply(message, BuildControl.class, this::control);
  }

  private void requested(QueueRequest request) {
    if (request instanceof BuildRequested requested) {
      builds.request(requested);
    } else if (request instanceof BuildReleased released) {
      builds.release(released);
    }
    dispatcher.wake();
  }

  private void control(BuildControl control) {
    // A stop_attempt is this service's own order to a worker.
    if (control instanceof BuildControl.Cancel cancel) {
      builds.cancel(cancel);
    }
  }
}
