package org.copr.contracts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON form of events: snake_case, ISO-8601 times, unknown fields ignored. */
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
              CoprEvent.PublishRequested.class,
              BuildRequested.class,
              BuildDispatch.class,
              CancelBuild.class,
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

  private EventJson() {}

  public static String write(Event event) {
    try {
      return MAPPER.writeValueAsString(event);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + event, e);
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
    if (json == null || json.isBlank()) {
      throw new MalformedEventException("empty message");
    }
    T event;
    try {
      event = MAPPER.readValue(json, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new MalformedEventException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
    }
    if (event == null) {
      throw new MalformedEventException("null message");
    }
    EventChecks.check(event);
    return event;
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
