package org.copr.scheduler.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.CancelBuild;
import org.copr.contracts.Event;
import org.copr.contracts.EventJson;
import org.copr.contracts.Topics;

/**
 * Events to send, stored in the caller's transaction: they leave only if the state change they
 * announce is committed, and they are not lost when the broker is away.
 */
@ApplicationScoped
public class Outbox {

  /** Fired with every message; the relay wakes when the transaction that wrote it commits. */
  public record Written() {}

  @Inject jakarta.enterprise.event.Event<Written> written;

  @Transactional(Transactional.TxType.MANDATORY)
  public void send(String topic, String key, Event event) {
    OutboxMessage message = new OutboxMessage();
    message.topic = topic;
    message.messageKey = key;
    message.payload = EventJson.write(event);
    message.createdAt = Instant.now();
    message.persist();
    written.fire(new Written());
  }

  public void status(BuildStatus status) {
    send(Topics.BUILDS_STATUS, Long.toString(status.buildId()), status);
  }

  public void cancel(CancelBuild cancel) {
    send(Topics.BUILDS_CONTROL, Long.toString(cancel.buildId()), cancel);
  }
}
