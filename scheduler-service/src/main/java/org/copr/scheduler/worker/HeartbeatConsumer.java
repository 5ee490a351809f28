package org.copr.scheduler.worker;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.copr.contracts.EventJson;
import org.copr.contracts.WorkerHeartbeat;
import org.copr.scheduler.Inbound;
import org.copr.scheduler.queue.Dispatcher;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Heartbeats of the build workers (see {@link Inbound} for malformed ones and retries). */
@ApplicationScoped
@Retry(
    maxRetries = Inbound.MAX_RETRIES,
    delay = Inbound.RETRY_DELAY_MS,
    abortOn = EventJson.MalformedEventException.class)
public class HeartbeatConsumer {
  private final Workers workers;
  private final Dispatcher dispatcher;

  HeartbeatConsumer(Workers workers, Dispatcher dispatcher) {
    this.workers = workers;
    this.dispatcher = dispatcher;
  }

  @Incoming("workers-heartbeat")
  @Blocking
  public void heartbeat(String json) {
    WorkerHeartbeat heartbeat = EventJson.read(json, WorkerHeartbeat.class);
    Inbound.require(heartbeat.workerId() != null && heartbeat.arch() != null, "worker_id and arch");
    Inbound.require(
        heartbeat.incarnation() != null && !heartbeat.incarnation().isBlank(), "incarnation");
    Inbound.require(heartbeat.slots() >= 0, "slots");
    Inbound.require(listed(heartbeat.running()) && listed(heartbeat.ended()), "running and ended");
    workers.heartbeat(heartbeat);
    dispatcher.wake();
  }

  private static boolean listed(List<WorkerHeartbeat.Attempt> attempts) {
    return attempts != null && attempts.size() <= WorkerHeartbeat.MAX_LISTED;
  }
}
