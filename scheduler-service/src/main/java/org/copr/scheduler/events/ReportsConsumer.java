package org.copr.scheduler.events;

import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Envelope;
import org.copr.contracts.Event;
import org.copr.contracts.Topics;
import org.copr.contracts.WorkerHeartbeat;
import org.copr.runtime.inbound.Inbound;
import org.copr.runtime.inbound.RefusedEventException;
import org.copr.scheduler.build.BuildTransitions;
import org.copr.scheduler.queue.Dispatcher;
import org.copr.scheduler.worker.Workers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Every worker's reports topic ({@code copr.workers.<id>.reports}, which only that worker's Kafka
 * user may write): its heartbeats and its {@code started}, {@code finished} and {@code canceled}.
 * The topic is the worker's identity; a report naming another worker, or about an attempt this
 * worker does not hold, is refused ({@link RefusedEventException}) and goes to {@code
 * copr.workers.reports.dlq} with the reason, like one that cannot be read.
 */
@ApplicationScoped
public class ReportsConsumer {
  /** A channel subscribed by pattern to every worker's reports topic. */
  static final String CHANNEL = "worker-reports";

  private final Inbound inbound;
  private final Workers workers;
  private final BuildTransitions builds;
  private final Dispatcher dispatcher;

  ReportsConsumer(
      Inbound inbound, Workers workers, BuildTransitions builds, Dispatcher dispatcher) {
    this.inbound = inbound;
    this.workers = workers;
    this.builds = builds;
    this.dispatcher = dispatcher;
  }

  @Incoming(CHANNEL)
  @Blocking
  public CompletionStage<Void> report(Message<String> message) {
    return inbound.receive(
        message, Event.class, received -> report(Inbound.topicOf(message), received));
  }

  private void report(String topic, Envelope<Event> received) {
    String worker =
        Topics.reportsOf(topic)
            .orElseThrow(() -> new RefusedEventException("not a worker's reports topic: " + topic));
    Event event = received.event();
    if (event instanceof WorkerHeartbeat heartbeat) {
      heartbeat(worker, heartbeat, received.occurredAt());
    } else if (event instanceof BuildStatus report) {
      builds.judge(worker, received.carrying(report));
      if (!(report instanceof BuildStatus.Started)) {
        dispatcher.wake(); // a slot is free
      }
    } else {
      throw new RefusedEventException(
          "a worker reports heartbeats, started, finished and canceled, not "
              + event.getClass().getSimpleName());
    }
  }

  private void heartbeat(String worker, WorkerHeartbeat heartbeat, Instant sentAt) {
    if (!worker.equals(heartbeat.workerId())) {
      throw new RefusedEventException(
          "a heartbeat of worker "
              + heartbeat.workerId()
              + " came with the credentials of worker "
              + worker);
    }
    workers.heartbeat(heartbeat, sentAt);
    dispatcher.wake();
  }
}
