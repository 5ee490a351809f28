package org.copr.runtime.inbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;
import org.copr.contracts.Envelope;
import org.copr.contracts.Event;
import org.copr.contracts.EventJson;
import org.copr.contracts.EventJson.MalformedEventException;
import org.copr.runtime.Retries;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * The one way an event comes in, for every {@code @Incoming} of every service: the message is read
 * and checked once ({@link EventJson#read}, which applies {@code EventChecks}), handed to the
 * service, and acknowledged. What goes to the topic's dead-letter topic ({@code <topic>.dlq}, with
 * the reason in the {@code dead-letter-reason} header):
 *
 * <ul>
 *   <li>a malformed event, at once;
 *   <li>an event the service refuses ({@link RefusedEventException}, or a {@link
 *       MalformedEventException} it throws), at once;
 *   <li>an event whose handling fails otherwise (the database is away), after it was retried in
 *       place for {@code copr.inbound.retry-for} with {@link Retries}' policy; in place, so the
 *       partition's later events wait and its order holds.
 * </ul>
 *
 * Metrics: {@code copr_inbound_failed_tries_total} and {@code copr_inbound_dead_letters_total}, by
 * {@code topic}. Synchronous handlers run on a worker thread ({@code @Blocking}); see {@link
 * #start} for a service that acknowledges later.
 */
@ApplicationScoped
public class Inbound {
  private static final Logger LOG = Logger.getLogger(Inbound.class);

  private final Guard retries;
  private final MeterRegistry registry;

  Inbound(InboundConfig config, MeterRegistry registry) {
    this.registry = registry;
    this.retries =
        Retries.forAtMost(
            config.retryFor(), List.of(MalformedEventException.class, RefusedEventException.class));
  }

  /** Reads the message as an event of {@code type} and hands it to {@code handler}. */
  public <T extends Event> CompletionStage<Void> apply(
      Message<String> message, Class<T> type, Consumer<T> handler) {
    return receive(message, type, received -> handler.accept(received.event()));
  }

  /** The same, with each try of {@code handler} in a transaction of its own. */
  public <T extends Event> CompletionStage<Void> applyInTransaction(
      Message<String> message, Class<T> type, Consumer<T> handler) {
    return apply(message, type, event -> NewTransaction.run(() -> handler.accept(event)));
  }

  /**
   * As {@link #apply}, for a handler that needs the envelope too: the event's id (to forward it as
   * itself) or the time it happened.
   */
  public <T extends Event> CompletionStage<Void> receive(
      Message<String> message, Class<T> type, Consumer<Envelope<T>> handler) {
    Envelope<T> received;
    try {
      received = EventJson.readEnvelope(message.getPayload(), type);
    } catch (MalformedEventException e) {
      return deadLetter(message, e);
    }
    try {
      retries.call(() -> attempt(message, received, handler), Void.class);
    } catch (Exception e) {
      return deadLetter(message, e);
    }
    return message.ack();
  }

  /** {@link #receive} with each try of {@code handler} in a transaction of its own. */
  public <T extends Event> CompletionStage<Void> receiveInTransaction(
      Message<String> message, Class<T> type, Consumer<Envelope<T>> handler) {
    return receive(message, type, received -> NewTransaction.run(() -> handler.accept(received)));
  }

  /**
   * For a service that acknowledges when work it queued is done (repo-worker batches the events of
   * a repository into one change): {@code work} starts the event's work and returns at once, so the
   * next events can join the same batch; the message is acknowledged when the work completes. Such
   * work is not retried here, since later events have already started: it handles its own failures
   * (repo-worker reports a failed publish), and what still fails goes to the dead letters.
   */
  public <T extends Event> CompletionStage<Void> start(
      Message<String> message, Class<T> type, Function<T, CompletionStage<Void>> work) {
    CompletionStage<Void> done;
    try {
      done = work.apply(EventJson.read(message.getPayload(), type));
    } catch (RuntimeException e) {
      return deadLetter(message, e);
    }
    done.whenComplete(
        (ok, failure) -> {
          if (failure == null) {
            message.ack();
          } else {
            deadLetter(message, unwrapped(failure));
          }
        });
    return CompletableFuture.completedFuture(null);
  }

  /** The topic the message came from, for a service that tells senders apart by topic. */
  public static String topicOf(Message<?> message) {
    return message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .map(IncomingKafkaRecordMetadata::getTopic)
        .orElseThrow(() -> new IllegalStateException("not a message from Kafka"));
  }

  private <T extends Event> Void attempt(
      Message<String> message, Envelope<T> received, Consumer<Envelope<T>> handler) {
    try {
      handler.accept(received);
      return null;
    } catch (MalformedEventException | RefusedEventException e) {
      throw e;
    } catch (RuntimeException e) {
      LOG.warnf(
          "%s from %s: cannot apply it yet (%s); retrying",
          received.event().getClass().getSimpleName(), topic(message), e.getMessage());
      registry.counter("copr.inbound.failed.tries", "topic", topic(message)).increment();
      throw e;
    }
  }

  private static CompletionStage<Void> deadLetter(Message<?> message, Throwable reason) {
    LOG.warnf(
        "event from %s sent to the dead-letter topic: %s", topic(message), reason.getMessage());
    return message.nack(reason);
  }

  private static String topic(Message<?> message) {
    return message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .map(IncomingKafkaRecordMetadata::getTopic)
        .orElse("a channel");
  }

  private static Throwable unwrapped(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }
}
