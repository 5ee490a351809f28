package org.copr.worker.messaging;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.copr.contracts.TopicAccess;
import org.copr.contracts.Topics;
import org.copr.worker.config.ThisWorker;
import org.eclipse.microprofile.config.Config;

/**
 * Each worker reads its dispatches and the broadcast cancels in consumer groups of its own, named
 * after it, which only its Kafka user may join. The worker id is also the group's static member id,
 * so a worker restarted under the same id takes its place at once instead of waiting out the dead
 * process's session.
 */
@ApplicationScoped
public class WorkerGroups implements ClientCustomizer<Map<String, Object>> {
  private final ThisWorker worker;

  public WorkerGroups(ThisWorker worker) {
    this.worker = worker;
  }

  @Override
  public Map<String, Object> customize(
      String channel, Config channelConfig, Map<String, Object> config) {
    String group =
        switch (channel) {
          case DispatchConsumer.CHANNEL -> groupOf("dispatch");
          case Topics.BUILDS_CONTROL -> groupOf("control");
          default -> null;
        };
    if (group != null) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
      config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, worker.id());
    }
    return config;
  }

  /** This worker's group for its {@code dispatch} or {@code control} consumer. */
  public String groupOf(String purpose) {
    return TopicAccess.workerGroup(purpose, worker.id());
  }
}
