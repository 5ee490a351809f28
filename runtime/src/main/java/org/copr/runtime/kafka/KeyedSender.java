package org.copr.runtime.kafka;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Event;
import org.copr.contracts.EventJson;
import org.copr.contracts.Topics;
import org.copr.runtime.Retries;
import org.jboss.logging.Logger;

/**
 * Sends events of services that have no outbox (the workers) and returns only once the broker
 * acknowledged them, retrying with back-off while it is away: a status that is lost would leave a
 * build running forever in everybody's eyes. A caller that sends one key's events one after another
 * (each build has one thread) has them on the topic in that order; consumers drop the duplicates a
 * retry may make.
 */
@ApplicationScoped
public class KeyedSender {
  private static final Logger LOG = Logger.getLogger(KeyedSender.class);

  private final Producer<String, String> producer;
  private final Guard untilAcknowledged = Retries.untilDone();

  KeyedSender(@Identifier("default-kafka-broker") Map<String, Object> kafka) {
    this.producer = KafkaProducers.create(kafka, "copr-keyed-sender");
  }

  public void status(BuildStatus event) {
    send(Topics.BUILDS_STATUS, Long.toString(event.buildId()), event);
  }

  public void send(String topic, String key, Event event) {
    String json = EventJson.write(event);
    try {
      untilAcknowledged.call(() -> attempt(topic, key, json), RecordMetadata.class);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted before " + describe(topic, key, event), e);
    } catch (Exception e) {
      throw new IllegalStateException("gave up on " + describe(topic, key, event), e);
    }
  }

  private RecordMetadata attempt(String topic, String key, String json) throws Exception {
    try {
      // The producer reports a failure at the latest after its delivery timeout.
      return producer.send(new ProducerRecord<>(topic, key, json)).get();
    } catch (Exception e) {
      LOG.warnf("%s: Kafka did not take it (%s), retrying", describe(topic, key, null), e);
      throw e;
    }
  }

  private static String describe(String topic, String key, Event event) {
    String what = event == null ? "event" : event.getClass().getSimpleName();
    return what + " with key " + key + " to " + topic;
  }

  @PreDestroy
  void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
