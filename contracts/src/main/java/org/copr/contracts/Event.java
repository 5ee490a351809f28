package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One event on a Copr topic: a record of domain fields only. The {@code type} property names the
 * record; what every event carries besides (id, time, schema version) is its {@link Envelope},
 * which {@link EventJson} writes beside the record's fields. Consumers ignore fields they do not
 * know, so adding a field does not need a new schema version.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
public interface Event {
  int SCHEMA_VERSION = 1;
}
