package org.copr.worker.messaging;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.copr.contracts.EventJson;
import org.copr.contracts.WorkerHeartbeat;
import org.copr.worker.build.Builds;
import org.copr.worker.config.Worker;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/**
 * Tells the scheduler every few seconds that this worker lives, its arch and slots, and what it
 * runs. A lost heartbeat is not retried: the next one says the same, and a late one would lie.
 */
@ApplicationScoped
public class HeartbeatSender {
  private final Emitter<String> emitter;
  private final Worker worker;
  private final Builds builds;

  public HeartbeatSender(
      @Channel("heartbeat") Emitter<String> emitter, Worker worker, Builds builds) {
    this.emitter = emitter;
    this.worker = worker;
    this.builds = builds;
  }

  @Scheduled(
      every = "${copr.worker.heartbeat-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void beat() {
    send(heartbeat());
  }

  public WorkerHeartbeat heartbeat() {
    return new WorkerHeartbeat(
        worker.id(),
        worker.arch(),
        worker.slots(),
        builds.running().stream()
            .map(b -> new WorkerHeartbeat.Running(b.buildId(), b.attempt()))
            .toList(),
        builds.draining());
  }

  public void send(WorkerHeartbeat heartbeat) {
    try {
      emitter.send(StatusSender.keyed(heartbeat.workerId(), EventJson.write(heartbeat)));
    } catch (RuntimeException e) {
      Log.warnf("heartbeat not sent: %s", e.getMessage());
    }
  }
}
