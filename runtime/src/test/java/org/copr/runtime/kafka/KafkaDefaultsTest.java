package org.copr.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaDefaultsTest {
  private static SmallRyeConfig config(Map<String, String> properties, String profile) {
    return new SmallRyeConfigBuilder()
        .addDefaultInterceptors()
        .withProfile(profile)
        .withSources(new KafkaDefaults())
        .withSources(new PropertiesConfigSource(properties, "application.properties", 250))
        .withInterceptors(new DeadLetterTopics())
        .build();
  }

  @Test
  void aChannelNamedAfterItsTopicDeadLettersToTheTopicsDlq() {
    SmallRyeConfig config = config(Map.of(), "prod");

    assertThat(
            config.getValue(
                "mp.messaging.incoming.\"copr.builds.status\".dead-letter-queue.topic",
                String.class))
        .isEqualTo("copr.builds.status.dlq");
  }

  @Test
  void aChannelWithATopicOfItsOwnDeadLettersToThatTopicsDlqWithExpressionsResolved() {
    SmallRyeConfig config =
        config(
            Map.of(
                "copr.worker.id", "w1",
                "mp.messaging.incoming.dispatch.topic", "copr.workers.${copr.worker.id}.dispatch",
                "%test.mp.messaging.incoming.other.topic", "copr.test.other"),
            "test");

    assertThat(
            config.getValue("mp.messaging.incoming.dispatch.dead-letter-queue.topic", String.class))
        .isEqualTo("copr.workers.w1.dispatch.dlq");
    assertThat(config.getValue("mp.messaging.incoming.other.dead-letter-queue.topic", String.class))
        .isEqualTo("copr.test.other.dlq");
  }

  @Test
  void aServiceOverridesADefaultAndAChannelItsDeadLetterTopic() {
    SmallRyeConfig config =
        config(
            Map.of(
                "mp.messaging.connector.smallrye-kafka.auto.offset.reset", "latest",
                "mp.messaging.incoming.reports.dead-letter-queue.topic",
                    "copr.workers.reports.dlq"),
            "prod");

    assertThat(
            config.getValue(
                "mp.messaging.connector.smallrye-kafka.auto.offset.reset", String.class))
        .isEqualTo("latest");
    assertThat(
            config.getValue("mp.messaging.connector.smallrye-kafka.failure-strategy", String.class))
        .isEqualTo("dead-letter-queue");
    assertThat(
            config.getValue("mp.messaging.incoming.reports.dead-letter-queue.topic", String.class))
        .isEqualTo("copr.workers.reports.dlq");
  }
}
