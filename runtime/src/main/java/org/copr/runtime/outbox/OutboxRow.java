package org.copr.runtime.outbox;

import com.fasterxml.jackson.annotation.JsonTypeName;
import org.copr.contracts.Event;
import org.copr.contracts.EventJson;

/** One event as the outbox table holds it. */
record OutboxRow(long id, String topic, String key, String type, String payload) {

  static OutboxRow of(String topic, String key, Event event) {
    JsonTypeName name = event.getClass().getAnnotation(JsonTypeName.class);
    String type = name == null ? event.getClass().getSimpleName() : name.value();
    return new OutboxRow(0, topic, key, type, EventJson.write(event));
  }
}
