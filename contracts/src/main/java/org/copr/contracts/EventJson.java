package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.UUID;

/**
 * The one JSON form of events: one object holding {@code type}, the {@link Envelope}'s fields and
 * the event's own; snake_case, ISO-8601 times, unknown fields ignored.
 */
public final class EventJson {
  /** The one naming rule of Copr's JSON: events here, and every service's REST JSON (runtime). */
  public static final PropertyNamingStrategy NAMING = PropertyNamingStrategies.SNAKE_CASE;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(NAMING)
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
          .registerSubtypes(
              CoprEvent.Created.class,
              CoprEvent.ChrootsAdded.class,
              CoprEvent.ChrootsRemoved.class,
              CoprEvent.DependenciesChanged.class,
              CoprEvent.Deleted.class,
              CoprEvent.PackageDeleted.class,
              CoprEvent.BuildsDeleted.class,
              CoprEvent.PublishRequested.class,
              BuildRequested.class,
              BuildReleased.class,
              BuildDispatch.class,
              BuildControl.Cancel.class,
              BuildControl.StopAttempt.class,
              WorkerHeartbeat.class,
              BuildStatus.Dispatched.class,
              BuildStatus.Started.class,
              BuildStatus.Finished.class,
              BuildStatus.Published.class,
              BuildStatus.PublishFailed.class,
              BuildStatus.Failed.class,
              BuildStatus.Canceled.class,
              SigningKey.class)
          .build();

  private static final String TYPE = "type";
  private static final String EVENT_ID = "event_id";
  private static final String OCCURRED_AT = "occurred_at";
  private static final String SCHEMA_VERSION = "schema_version";

  private EventJson() {}

  /** A new event, made now. */
  public static String write(Event event) {
    return write(Envelope.of(event));
  }

  /** The event under its envelope: forwarding one keeps its id. */
  public static String write(Envelope<?> envelope) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put(TYPE, envelope.type());
    json.put(EVENT_ID, envelope.eventId() == null ? null : envelope.eventId().toString());
    json.set(OCCURRED_AT, MAPPER.valueToTree(envelope.occurredAt()));
    json.put(SCHEMA_VERSION, envelope.schemaVersion());
    ObjectNode fields = MAPPER.valueToTree(envelope.event());
    fields.remove(TYPE);
    json.setAll(fields);
    try {
      return MAPPER.writeValueAsString(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + envelope, e);
    }
  }

  /**
   * Reads an event of the given family ({@code BuildStatus.class}, {@code CoprEvent.class}, ...)
   * and checks its fields as the API checks a request ({@link EventChecks}).
   *
   * @throws MalformedEventException when the text is not such an event, or a field breaks the
   *     rules; consumers send it to the topic's dead-letter topic
   */
  public static <T extends Event> T read(String json, Class<T> type) {
    return readEnvelope(json, type).event();
  }

  /** As {@link #read}, with the envelope: for a consumer that needs the event's id or time. */
  public static <T extends Event> Envelope<T> readEnvelope(String json, Class<T> type) {
    if (json == null || json.isBlank()) {
      throw new MalformedEventException("empty message");
    }
    Envelope<T> envelope;
    try {
      JsonNode tree = MAPPER.readTree(json);
      if (!(tree instanceof ObjectNode object)) {
        throw new MalformedEventException("not a " + type.getSimpleName() + ": not an object");
      }
      upgrade(object);
      T event = MAPPER.treeToValue(object, type);
      if (event == null) {
        throw new MalformedEventException("null message");
      }
      JsonNode id = object.get(EVENT_ID);
      envelope =
          new Envelope<>(
              id == null || id.isNull() ? null : UUID.fromString(id.asText()),
              MAPPER.treeToValue(object.get(OCCURRED_AT), Instant.class),
              object.path(SCHEMA_VERSION).asInt(0),
              event);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new MalformedEventException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
    EventChecks.check(envelope.event());
    return envelope;
  }

  /**
   * Reads what producers of an older version wrote as the type this version has for it. Before
   * {@code stop_attempt} existed, the scheduler stopped one attempt with a {@code cancel_build}
   * naming that attempt (a user's cancel named attempt 0).
   */
  private static void upgrade(ObjectNode event) {
    if ("cancel_build".equals(event.path(TYPE).asText()) && event.path("attempt").asInt(0) != 0) {
      event.put(TYPE, "stop_attempt");
    }
  }

  /** The {@code type} that names events of this record on the wire. */
  public static String typeOf(Class<? extends Event> record) {
    JsonTypeName name = record.getAnnotation(JsonTypeName.class);
    if (name == null) {
      throw new IllegalArgumentException(record + " is not an event record");
    }
    return name.value();
  }

  /** A message that cannot be read as the event its topic carries. */
  public static final class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
      super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
