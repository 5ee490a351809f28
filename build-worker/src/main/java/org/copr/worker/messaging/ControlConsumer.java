package org.copr.worker.messaging;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.copr.contracts.BuildControl;
import org.copr.contracts.EventJson;
import org.copr.worker.build.Builds;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code copr.builds.control} as a broadcast: each worker is a consumer group of its own
 * ({@link WorkerGroups}), so every worker sees every cancel and stops the attempt if it runs it. A
 * new worker starts at the end of the topic: it runs nothing that an older cancel could be about.
 */
@ApplicationScoped
@Default
@Identifier("control")
public class ControlConsumer implements KafkaConsumerRebalanceListener {
  private final Builds builds;
  private volatile boolean listening;

  public ControlConsumer(Builds builds) {
    this.builds = builds;
  }

  @Incoming("control")
  public void onControl(String json) {
    builds.cancel(EventJson.read(json, BuildControl.class));
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
