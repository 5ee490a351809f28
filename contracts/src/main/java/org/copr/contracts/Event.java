package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * What every event on a Copr topic carries. The {@code type} property names the record; consumers
 * ignore fields they do not know, so adding a field does not need a new schema version.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface Event {
  int SCHEMA_VERSION = 1;

  UUID eventId();

  Instant occurredAt();

  int schemaVersion();
}
