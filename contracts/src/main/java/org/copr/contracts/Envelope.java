package org.copr.contracts;

import java.time.Instant;
import java.util.UUID;

/**
 * What every event carries besides its own fields: its id (unique per event, so a re-sent event
 * keeps it), when its producer made it, and the schema version. On the wire these are top-level
 * fields ({@code event_id}, {@code occurred_at}, {@code schema_version}) beside {@code type} and
 * the event's own, written and read by {@link EventJson} alone.
 */
public record Envelope<E extends Event>(
    UUID eventId, Instant occurredAt, int schemaVersion, E event) {

  /** A new event, made now. */
  public static <E extends Event> Envelope<E> of(E event) {
    return new Envelope<>(UUID.randomUUID(), Instant.now(), Event.SCHEMA_VERSION, event);
  }

  /** The event's {@code type} on the wire. */
  public String type() {
    return EventJson.typeOf(event.getClass());
  }

  /** Another event under this envelope (same id and time): what a forger would send. */
  public <F extends Event> Envelope<F> carrying(F other) {
    return new Envelope<>(eventId, occurredAt, schemaVersion, other);
  }
}
