package org.copr.scheduler.build;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.copr.contracts.BuildControl;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.BuildSpec;
import org.copr.contracts.Chroot;
import org.copr.contracts.EventJson;
import org.copr.scheduler.Inbound;
import org.copr.scheduler.queue.Dispatcher;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Build requests and users' cancels (the workers' reports: {@code worker.ReportsConsumer}). */
@ApplicationScoped
@Retry(
    maxRetries = Inbound.MAX_RETRIES,
    delay = Inbound.RETRY_DELAY_MS,
    abortOn = EventJson.MalformedEventException.class)
public class BuildEventsConsumer {
  private final Builds builds;
  private final Dispatcher dispatcher;

  BuildEventsConsumer(Builds builds, Dispatcher dispatcher) {
    this.builds = builds;
    this.dispatcher = dispatcher;
  }

  @Incoming("builds-requested")
  @Blocking
  public void requested(String json) {
    BuildRequested request = EventJson.read(json, BuildRequested.class);
    BuildSpec spec = request.build();
    Inbound.require(spec != null, "build");
    Inbound.require(spec.owner() != null && spec.copr() != null, "owner and copr");
    Inbound.require(spec.packageName() != null && isChroot(spec.chroot()), "package and chroot");
    builds.request(request);
    dispatcher.wake();
  }

  @Incoming("builds-control")
  @Blocking
  public void control(String json) {
    // A stop_attempt is this service's own order to a worker.
    if (EventJson.read(json, BuildControl.class) instanceof BuildControl.Cancel cancel) {
      builds.cancel(cancel);
    }
  }

  private static boolean isChroot(String name) {
    try {
      Chroot.parse(name);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
