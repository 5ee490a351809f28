package org.copr.worker.messaging;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.copr.contracts.BuildDispatch;
import org.copr.runtime.inbound.Inbound;
import org.copr.runtime.inbound.RefusedEventException;
import org.copr.worker.attempt.BuildSlots;
import org.copr.worker.config.ThisWorker;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code copr.workers.<id>.dispatch} in a consumer group of this worker's own, one dispatch
 * at a time, and builds only the dispatches addressed to this worker as it runs now: one for
 * another worker, or for this worker before it restarted, is skipped, and the scheduler, which
 * chose the worker, takes such an attempt back itself. Through runtime's {@link Inbound}: a
 * dispatch that is not one, or one for an architecture this worker does not build, goes to the
 * dead-letter topic.
 */
@ApplicationScoped
@Default
@Identifier(DispatchConsumer.CHANNEL)
public class DispatchConsumer implements KafkaConsumerRebalanceListener {
  /** Not named after its topic, which carries the worker's id. */
  static final String CHANNEL = "dispatch";

  private static final Logger LOG = Logger.getLogger(DispatchConsumer.class);

  /** Clocks differ: a dispatch for this process may carry a time a little before it started. */
  private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

  private final Inbound inbound;
  private final BuildSlots builds;
  private final ThisWorker worker;
  private final Set<TopicPartition> positioned = ConcurrentHashMap.newKeySet();
  private volatile boolean listening;

  public DispatchConsumer(Inbound inbound, BuildSlots builds, ThisWorker worker) {
    this.inbound = inbound;
    this.builds = builds;
    this.worker = worker;
  }

  @Incoming(CHANNEL)
  @Blocking
  public CompletionStage<Void> onDispatch(Message<String> message) {
    return inbound.apply(message, BuildDispatch.class, this::build);
  }

  private void build(BuildDispatch dispatch) {
    String arch = dispatch.build().arch();
    if (!arch.equals(worker.arch())) {
      throw new RefusedEventException(
          "build "
              + dispatch.build().buildId()
              + " is for "
              + arch
              + ", this worker builds "
              + worker.arch());
    }
    if (!dispatch.isFor(worker.id(), worker.incarnation())) {
      if (worker.id().equals(dispatch.workerId())) {
        LOG.infof(
            "build %d attempt %d: dispatched to this worker before it restarted, not built",
            dispatch.build().buildId(), dispatch.attempt());
      }
      return;
    }
    try {
      if (!builds.take(dispatch)) {
        LOG.infof(
            "build %d attempt %d: not taken while draining; the scheduler requeues it",
            dispatch.build().buildId(), dispatch.attempt());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Nothing before this process started can be addressed to it, and everything after may be: a
   * partition assigned for the first time is read from that time on, wherever the group stood (from
   * the end offset taken before the look-up where no dispatch is that recent yet). Later
   * assignments go on from the group's committed offsets.
   */
  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    List<TopicPartition> fresh = partitions.stream().filter(p -> !positioned.contains(p)).toList();
    if (!fresh.isEmpty()) {
      Map<TopicPartition, Long> ends = consumer.endOffsets(fresh);
      long since = worker.startedAt().minus(CLOCK_MARGIN).toEpochMilli();
      Map<TopicPartition, Long> times = new HashMap<>();
      fresh.forEach(p -> times.put(p, since));
      Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times);
      for (TopicPartition partition : fresh) {
        OffsetAndTimestamp first = found.get(partition);
        consumer.seek(partition, first == null ? ends.get(partition) : first.offset());
        positioned.add(partition);
      }
    }
    listening = true;
  }

  /** True once dispatches addressed to this worker reach it; until then it offers no slots. */
  public boolean listening() {
    return listening;
  }
}
