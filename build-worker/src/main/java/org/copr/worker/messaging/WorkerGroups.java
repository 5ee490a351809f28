package org.copr.worker.messaging;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.copr.contracts.TopicAccess;
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
    if ("dispatch".equals(channel) || "control".equals(channel)) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, groupOf(channel));
      config.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, worker.id());
    }
    return config;
  }

  public String groupOf(String channel) {
    return TopicAccess.workerGroup(channel, worker.id());
  }
}
