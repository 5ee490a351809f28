package org.copr.runtime.kafka;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The Kafka connector's settings that every service shares, so that a service's
 * application.properties names only its own choices: text keys and values, failed messages to the
 * dead-letter topic ({@link DeadLetterTopics} names it {@code <topic>.dlq}), a new consumer group
 * reading from the start of its topics. A channel or the service overrides any of them.
 */
public final class KafkaDefaults implements ConfigSource {
  static final String CONNECTOR = "mp.messaging.connector.smallrye-kafka.";
  private static final String STRING_DESERIALIZER =
      "org.apache.kafka.common.serialization.StringDeserializer";
  private static final String STRING_SERIALIZER =
      "org.apache.kafka.common.serialization.StringSerializer";

  private static final Map<String, String> PROPERTIES =
      Map.of(
          CONNECTOR + "key.deserializer", STRING_DESERIALIZER,
          CONNECTOR + "value.deserializer", STRING_DESERIALIZER,
          CONNECTOR + "key.serializer", STRING_SERIALIZER,
          CONNECTOR + "value.serializer", STRING_SERIALIZER,
          CONNECTOR + "failure-strategy", "dead-letter-queue",
          CONNECTOR + "dead-letter-queue.key.serializer", STRING_SERIALIZER,
          CONNECTOR + "dead-letter-queue.value.serializer", STRING_SERIALIZER,
          CONNECTOR + "auto.offset.reset", "earliest");

  @Override
  public Set<String> getPropertyNames() {
    return PROPERTIES.keySet();
  }

  @Override
  public String getValue(String name) {
    return PROPERTIES.get(name);
  }

  @Override
  public String getName() {
    return "copr-kafka-defaults";
  }

  /** Below application.properties (250) and everything else a service sets. */
  @Override
  public int getOrdinal() {
    return 150;
  }
}
