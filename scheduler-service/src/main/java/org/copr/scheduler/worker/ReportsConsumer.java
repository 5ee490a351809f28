package org.copr.scheduler.worker;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Envelope;
import org.copr.contracts.Event;
import org.copr.contracts.EventJson;
import org.copr.contracts.Topics;
import org.copr.contracts.WorkerHeartbeat;
import org.copr.scheduler.Inbound;
import org.copr.scheduler.build.Builds;
import org.copr.scheduler.build.RejectedReport;
import org.copr.scheduler.queue.Dispatcher;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Every worker's reports topic ({@code copr.workers.<id>.reports}, which only that worker's Kafka
 * user may write): its heartbeats and its {@code started}, {@code finished} and {@code canceled}.
 * The topic is the worker's identity; a report naming another worker, or about an attempt this
 * worker does not hold, goes to {@code copr.workers.reports.dlq} with the reason ({@link
 * RejectedReport}), like one that cannot be read.
 */
@ApplicationScoped
@Retry(
    maxRetries = Inbound.MAX_RETRIES,
    delay = Inbound.RETRY_DELAY_MS,
    abortOn = {EventJson.MalformedEventException.class, RejectedReport.class})
public class ReportsConsumer {
  private final Workers workers;
  private final Builds builds;
  private final Dispatcher dispatcher;

  ReportsConsumer(Workers workers, Builds builds, Dispatcher dispatcher) {
    this.workers = workers;
    this.builds = builds;
    this.dispatcher = dispatcher;
  }

  @Incoming("worker-reports")
  @Blocking
  public void report(ConsumerRecord<String, String> record) {
    String worker =
        Topics.reportsOf(record.topic())
            .orElseThrow(
                () -> new RejectedReport("not a worker's reports topic: " + record.topic()));
    Envelope<Event> received = EventJson.readEnvelope(record.value(), Event.class);
    Event event = received.event();
    if (event instanceof WorkerHeartbeat heartbeat) {
      heartbeat(worker, heartbeat, received.occurredAt());
    } else if (event instanceof BuildStatus report) {
      builds.judge(worker, received.carrying(report));
      if (!(report instanceof BuildStatus.Started)) {
        dispatcher.wake(); // a slot is free
      }
    } else {
      throw new RejectedReport(
          "a worker reports heartbeats, started, finished and canceled, not "
              + event.getClass().getSimpleName());
    }
  }

  private void heartbeat(String worker, WorkerHeartbeat heartbeat, Instant sentAt) {
    Inbound.require(heartbeat.workerId() != null && heartbeat.arch() != null, "worker_id and arch");
    if (!worker.equals(heartbeat.workerId())) {
      throw new RejectedReport(
          "a heartbeat of worker "
              + heartbeat.workerId()
              + " came with the credentials of worker "
              + worker);
    }
    Inbound.require(
        heartbeat.incarnation() != null && !heartbeat.incarnation().isBlank(), "incarnation");
    Inbound.require(heartbeat.slots() >= 0, "slots");
    Inbound.require(listed(heartbeat.running()) && listed(heartbeat.ended()), "running and ended");
    workers.heartbeat(heartbeat, sentAt);
    dispatcher.wake();
  }

  private static boolean listed(List<WorkerHeartbeat.Attempt> attempts) {
    return attempts != null && attempts.size() <= WorkerHeartbeat.MAX_LISTED;
  }
}
