package org.copr.testing.brokenarch.leaky;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A resource that breaks two rules: it hands out an entity and produces to Kafka itself. */
@Path("/leaky")
public class LeakyResource {
  private final Producer<String, String> producer;

  LeakyResource(Producer<String, String> producer) {
    this.producer = producer;
  }

  @GET
  public LeakyEntity get() {
    producer.send(new ProducerRecord<>("copr.leaky", "1", "{}"));
    return new LeakyEntity();
  }
}
