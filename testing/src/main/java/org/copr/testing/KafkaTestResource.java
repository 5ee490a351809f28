package org.copr.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's real Kafka broker, logged in as the service's own
 * Kafka user: init arg {@code user} (a user of {@code TopicAccess}), so that a test runs with
 * exactly the rights the service has in production.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
  private String user;

  @Override
  public void init(Map<String, String> initArgs) {
    user = initArgs.get("user");
    if (user == null) {
      throw new IllegalArgumentException(
          "KafkaTestResource needs the service's Kafka user: @ResourceArg(name = \"user\", ...)");
    }
  }

  @Override
  public Map<String, String> start() {
    return KafkaBroker.shared().serviceConfig(user);
  }

  @Override
  public void stop() {
    // The broker outlives a single test class; a shutdown hook stops it with the JVM.
  }
}
