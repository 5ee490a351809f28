package org.copr.worker.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.ClientCustomizer;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.TopicPartition;
import org.copr.contracts.CancelBuild;
import org.copr.contracts.EventJson;
import org.copr.worker.build.Builds;
import org.copr.worker.config.Worker;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code copr.builds.control} as a broadcast: each worker instance is a consumer group of its
 * own, so every worker sees every cancel and stops the attempt if it runs it. A new worker starts
 * at the end of the topic: it runs nothing that an older cancel could be about.
 */
@ApplicationScoped
@Default
@Identifier("control")
public class ControlConsumer
    implements KafkaConsumerRebalanceListener, ClientCustomizer<Map<String, Object>> {
  private final Builds builds;
  private final Worker worker;
  private volatile boolean listening;

  public ControlConsumer(Builds builds, Worker worker) {
    this.builds = builds;
    this.worker = worker;
  }

  @Incoming("control")
  public void onControl(String json) {
    builds.cancel(EventJson.read(json, CancelBuild.class));
  }

  /** The control channel's consumer group is named after this worker instance. */
  @Override
  public Map<String, Object> customize(
      String channel, Config channelConfig, Map<String, Object> config) {
    if ("control".equals(channel)) {
      config.put(ConsumerConfig.GROUP_ID_CONFIG, "copr-build-worker-control-" + worker.id());
    }
    return config;
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    listening = true;
  }

  /** True once the worker would hear a cancel; until then it is not ready. */
  public boolean listening() {
    return listening;
  }
}
