package org.copr.worker.messaging;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.copr.worker.attempt.BuildSlots;
import org.copr.worker.config.ThisWorker;

/**
 * On SIGTERM: say "draining" at once so the scheduler sends nothing more, then let the running
 * builds end (up to {@code copr.worker.drain-timeout}) while Kafka is still there for their events.
 */
@ApplicationScoped
public class Shutdown {
  private final BuildSlots builds;
  private final HeartbeatSender heartbeats;
  private final ThisWorker worker;

  public Shutdown(BuildSlots builds, HeartbeatSender heartbeats, ThisWorker worker) {
    this.builds = builds;
    this.heartbeats = heartbeats;
    this.worker = worker;
  }

  void onStop(@Observes ShutdownEvent event) throws InterruptedException {
    builds.startDraining();
    heartbeats.send(heartbeats.heartbeat());
    builds.drain(worker.config().drainTimeout());
  }
}
