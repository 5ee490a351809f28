package org.copr.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the JVM's real Kafka broker, logged in as the service's own
 * Kafka user: init arg {@code user} (a user of {@code TopicAccess}), so that a test runs with
 * exactly the rights the service has in production. A build worker's test names the worker instead,
 * init arg {@code worker}: the worker is given its identity on the broker (its own user and topics,
 * {@link KafkaBroker#worker}) and runs under that id ({@code copr.worker.id}).
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {
  private String user;
  private String worker;

  @Override
  public void init(Map<String, String> initArgs) {
    user = initArgs.get("user");
    worker = initArgs.get("worker");
    if ((user == null) == (worker == null)) {
      throw new IllegalArgumentException(
          "KafkaTestResource needs the service's Kafka user, @ResourceArg(name = \"user\", ...),"
              + " or a build worker's id, @ResourceArg(name = \"worker\", ...)");
    }
  }

  @Override
  public Map<String, String> start() {
    if (worker == null) {
      return KafkaBroker.shared().serviceConfig(user);
    }
    KafkaBroker broker = KafkaBroker.shared();
    Map<String, String> config = new HashMap<>(broker.serviceConfig(broker.worker(worker)));
    config.put("copr.worker.id", worker);
    return config;
  }

  @Override
  public void stop() {
    // The broker outlives a single test class; a shutdown hook stops it with the JVM.
  }
}
