package org.copr.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.copr.contracts.Envelope;
import org.copr.contracts.Event;
import org.copr.contracts.EventJson;

/**
 * Reads and writes a topic of the test broker as the super user: a probe sees and sends what the
 * test needs, whatever the services' ACLs (tests of those connect as the services' users).
 */
public final class TopicProbe implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final KafkaConsumer<String, String> consumer;
  private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

  /** Subscribes from the beginning of the topic, in a group of its own. */
  public TopicProbe(String bootstrapServers, String topic) {
    this(KafkaBroker.at(bootstrapServers).admin(), topic);
  }

  /** Subscribes with the given client settings (address and credentials). */
  public TopicProbe(Map<String, Object> client, String topic) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    consumer = new KafkaConsumer<>(p);
    consumer.subscribe(List.of(topic));
  }

  /**
   * Subscribes to every topic whose name matches, from the beginning of each, and finds topics made
   * after it started within a second (such as a worker's topics, made when the worker is).
   */
  public TopicProbe(String bootstrapServers, java.util.regex.Pattern topics) {
    Properties p = new Properties();
    p.putAll(KafkaBroker.at(bootstrapServers).admin());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "probe-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 500);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    consumer = new KafkaConsumer<>(p);
    consumer.subscribe(topics);
  }

  /** Polls until a record matches or the time is up; returns every record seen so far. */
  public List<ConsumerRecord<String, String>> awaitRecord(
      Predicate<ConsumerRecord<String, String>> match, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (seen.stream().noneMatch(match)) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no matching record within " + timeout + "; seen: " + values());
      }
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    }
    return List.copyOf(seen);
  }

  /**
   * Waits for a record (on a dead-letter topic) whose text matches, and returns the reason its
   * consumer gave: the {@code dead-letter-reason} header, or null without one.
   */
  public String awaitDeadLetter(Predicate<String> value, Duration timeout) {
    ConsumerRecord<String, String> letter =
        awaitRecord(r -> value.test(r.value()), timeout).stream()
            .filter(r -> value.test(r.value()))
            .findFirst()
            .orElseThrow();
    var reason = letter.headers().lastHeader("dead-letter-reason");
    return reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8);
  }

  /** Waits for an event of the given type that matches, and returns it. */
  public <T extends Event> T awaitEvent(Class<T> type, Predicate<T> match, Duration timeout) {
    Predicate<ConsumerRecord<String, String>> recordMatch =
        r ->
            parse(r.value(), type) instanceof Event e
                && type.isInstance(e)
                && match.test(type.cast(e));
    return awaitRecord(recordMatch, timeout).stream()
        .map(r -> parse(r.value(), type))
        .filter(type::isInstance)
        .map(type::cast)
        .filter(match)
        .findFirst()
        .orElseThrow();
  }

  /**
   * Polls for {@code quiet} (at least once) and returns everything seen so far. That something did
   * not come is proved by a marker that came after it, not by the length of this wait.
   */
  public List<ConsumerRecord<String, String>> drain(Duration quiet) {
    long deadline = System.nanoTime() + quiet.toNanos();
    do {
      consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
    } while (System.nanoTime() < deadline);
    return List.copyOf(seen);
  }

  public List<String> values() {
    return seen.stream().map(ConsumerRecord::value).toList();
  }

  /**
   * Whether the record holds this event: its type and fields under any envelope. The record is
   * compared as JSON, not read as an event, so a forged event that fails the checks is found too.
   */
  public static boolean carries(ConsumerRecord<String, String> record, Event event) {
    try {
      return withoutEnvelope(JSON.readTree(record.value()))
          .equals(withoutEnvelope(JSON.readTree(EventJson.write(event))));
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private static JsonNode withoutEnvelope(JsonNode json) {
    if (json instanceof ObjectNode fields) {
      fields.remove(List.of("event_id", "occurred_at", "schema_version"));
    }
    return json;
  }

  private static Object parse(String json, Class<? extends Event> type) {
    try {
      return EventJson.read(json, Event.class);
    } catch (EventJson.MalformedEventException e) {
      return null;
    }
  }

  @Override
  public void close() {
    consumer.close();
  }

  /**
   * Sends one record (raw text for malformed-message tests) and returns its offset once the broker
   * has it.
   */
  public static long send(String bootstrapServers, String topic, String key, String value) {
    return send(KafkaBroker.at(bootstrapServers).admin(), topic, key, value);
  }

  /** Sends one record with the given client settings and returns its offset. */
  public static long send(Map<String, Object> client, String topic, String key, String value) {
    try (TopicSender sender = new TopicSender(client)) {
      return sender.send(topic, key, value);
    }
  }

  public static long send(String bootstrapServers, String topic, String key, Event event) {
    return send(bootstrapServers, topic, key, EventJson.write(event));
  }

  /** Sends an event under an envelope the test made (to find it again by its id). */
  public static long send(
      String bootstrapServers, String topic, String key, Envelope<? extends Event> event) {
    return send(bootstrapServers, topic, key, EventJson.write(event));
  }
}
