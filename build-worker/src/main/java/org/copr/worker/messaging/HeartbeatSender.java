package org.copr.worker.messaging;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import org.copr.contracts.EventJson;
import org.copr.contracts.Topics;
import org.copr.contracts.WorkerHeartbeat;
import org.copr.worker.attempt.BuildSlots;
import org.copr.worker.attempt.RunningBuild;
import org.copr.worker.config.ThisWorker;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Tells the scheduler every few seconds, on this worker's own reports topic, that this worker lives
 * (in which incarnation), its arch and slots, what it runs and what it ended lately. A lost
 * heartbeat is not retried: the next one says the same, and a late one would lie.
 */
@ApplicationScoped
public class HeartbeatSender {
  private static final Logger LOG = Logger.getLogger(HeartbeatSender.class);

  private final Emitter<String> emitter;
  private final ThisWorker worker;
  private final BuildSlots builds;
  private final DispatchConsumer dispatches;

  public HeartbeatSender(
      @Channel("heartbeat") Emitter<String> emitter,
      ThisWorker worker,
      BuildSlots builds,
      DispatchConsumer dispatches) {
    this.emitter = emitter;
    this.worker = worker;
    this.builds = builds;
    this.dispatches = dispatches;
  }

  @Scheduled(
      every = "${copr.worker.heartbeat-interval:5s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void beat() {
    send(heartbeat());
  }

  /** Offers no slots before dispatches reach this worker: the scheduler would wait in vain. */
  public WorkerHeartbeat heartbeat() {
    var running = builds.running().stream().map(RunningBuild::key).toList();
    return new WorkerHeartbeat(
        worker.id(),
        worker.incarnation(),
        worker.arch(),
        dispatches.listening() ? worker.slots() : 0,
        running,
        builds.ended(),
        builds.draining());
  }

  public void send(WorkerHeartbeat heartbeat) {
    try {
      emitter.send(
          Message.of(EventJson.write(heartbeat))
              .addMetadata(
                  OutgoingKafkaRecordMetadata.<String>builder()
                      .withTopic(Topics.workerReports(worker.id()))
                      .withKey(heartbeat.workerId())
                      .build()));
    } catch (RuntimeException e) {
      LOG.warnf("heartbeat not sent: %s", e.getMessage());
    }
  }
}
