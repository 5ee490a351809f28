package org.copr.api.outbox;

import com.fasterxml.jackson.annotation.JsonTypeName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.CancelBuild;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.EventJson;
import org.copr.contracts.Topics;

/**
 * Records events in the caller's transaction, so that an event exists exactly when the change it
 * describes was committed. {@link OutboxRelay} sends them to Kafka afterwards.
 */
@ApplicationScoped
public class Outbox {
  /** Fired inside the transaction; the relay observes it after a successful commit. */
  public record Written() {}

  @Inject Event<Written> written;

  @Transactional(Transactional.TxType.MANDATORY)
  public void copr(CoprEvent event) {
    add(Topics.COPRS, event.copr(), event);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void buildRequested(BuildRequested event) {
    add(Topics.BUILDS_REQUESTED, Long.toString(event.build().buildId()), event);
  }

  @Transactional(Transactional.TxType.MANDATORY)
  public void cancel(CancelBuild event) {
    add(Topics.BUILDS_CONTROL, Long.toString(event.buildId()), event);
  }

  private void add(String topic, String key, org.copr.contracts.Event event) {
    OutboxMessage m = new OutboxMessage();
    m.topic = topic;
    m.key = key;
    m.type = event.getClass().getAnnotation(JsonTypeName.class).value();
    m.payload = EventJson.write(event);
    m.createdAt = Instant.now();
    m.persist();
    written.fire(new Written());
  }
}
