package org.copr.testing;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.copr.contracts.Event;
import org.copr.contracts.EventJson;

/**
 * The tests' one producer: sends records to the test broker with the given client settings (the
 * super user's, or a worker's or service's own to test its ACLs), each returning once the broker
 * has it. {@link TopicProbe#send} sends one record with a sender of its own.
 */
public final class TopicSender implements AutoCloseable {
  private final KafkaProducer<String, String> producer;

  public TopicSender(Map<String, Object> client) {
    Properties p = new Properties();
    p.putAll(client);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    producer = new KafkaProducer<>(p);
  }

  /** Sends raw text (for malformed-message tests) and returns the record's offset. */
  public long send(String topic, String key, String value) {
    try {
      return producer.send(new ProducerRecord<>(topic, key, value)).get().offset();
    } catch (Exception e) {
      throw new IllegalStateException("cannot send to " + topic, e);
    }
  }

  public long send(String topic, String key, Event event) {
    return send(topic, key, EventJson.write(event));
  }

  @Override
  public void close() {
    producer.close();
  }
}
