package org.copr.runtime.outbox;

import org.copr.contracts.Envelope;
import org.copr.contracts.EventJson;

/** One event as the outbox table holds it. */
record OutboxRow(long id, String topic, String key, String type, String payload) {

  static OutboxRow of(String topic, String key, Envelope<?> event) {
    return new OutboxRow(0, topic, key, event.type(), EventJson.write(event));
  }
}
