package org.copr.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Points a {@code @QuarkusTest} at the JVM's real Kafka broker. */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of("kafka.bootstrap.servers", KafkaBroker.shared().bootstrapServers());
  }

  @Override
  public void stop() {
    // The broker outlives a single test class; a shutdown hook stops it with the JVM.
  }
}
