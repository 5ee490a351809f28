package org.copr.worker.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.util.Collection;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.copr.contracts.BuildControl;
import org.copr.contracts.Topics;
import org.copr.runtime.inbound.Inbound;
import org.copr.worker.attempt.BuildSlots;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Reads {@code copr.builds.control} as a broadcast: each worker is a consumer group of its own
 * ({@link WorkerGroups}), so every worker sees every cancel and stops the attempt if it runs it. A
 * new worker starts at the end of the topic: it runs nothing that an older cancel could be about.
 * Through runtime's {@link Inbound}, like every consumer.
 */
@ApplicationScoped
@Default
@Identifier("control")
public class ControlConsumer implements KafkaConsumerRebalanceListener {
  private final Inbound inbound;
  private final BuildSlots builds;
  private volatile boolean listening;

  public ControlConsumer(Inbound inbound, BuildSlots builds) {
    this.inbound = inbound;
    this.builds = builds;
  }

  @Incoming(Topics.BUILDS_CONTROL)
  @Blocking
  public CompletionStage<Void> onControl(Message<String> message) {
    return inbound.apply(message, BuildControl.class, builds::cancel);
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
