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
import org.copr.contracts.Chroot;
import org.copr.contracts.EventJson;
import org.copr.contracts.EventJson.MalformedEventException;
import org.copr.worker.attempt.BuildSlots;
import org.copr.worker.config.ThisWorker;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads {@code copr.workers.<id>.dispatch} in a consumer group of this worker's own, one dispatch
 * at a time, and builds only the dispatches addressed to this worker as it runs now: one for
 * another worker, or for this worker before it restarted, is skipped, and the scheduler, which
 * chose the worker, takes such an attempt back itself. A dispatch that is not one goes to the
 * dead-letter topic.
 */
@ApplicationScoped
@Default
@Identifier("dispatch")
public class DispatchConsumer implements KafkaConsumerRebalanceListener {
  private static final Logger LOG = Logger.getLogger(DispatchConsumer.class);

  /** Clocks differ: a dispatch for this process may carry a time a little before it started. */
  private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

  private final BuildSlots builds;
  private final ThisWorker worker;
  private final Set<TopicPartition> positioned = ConcurrentHashMap.newKeySet();
  private volatile boolean listening;

  public DispatchConsumer(BuildSlots builds, ThisWorker worker) {
    this.builds = builds;
    this.worker = worker;
  }

  @Incoming("dispatch")
  @Blocking
  public CompletionStage<Void> onDispatch(Message<String> message) {
    BuildDispatch dispatch;
    try {
      dispatch = read(message.getPayload());
    } catch (MalformedEventException e) {
      LOG.warnf("dispatch sent to the dead-letter topic: %s", e.getMessage());
      return message.nack(e);
    }
    if (!dispatch.isFor(worker.id(), worker.incarnation())) {
      if (worker.id().equals(dispatch.workerId())) {
        LOG.infof(
            "build %d attempt %d: dispatched to this worker before it restarted, not built",
            dispatch.build().buildId(), dispatch.attempt());
      }
      return message.ack();
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
    return message.ack();
  }

  BuildDispatch read(String json) {
    BuildDispatch dispatch = EventJson.read(json, BuildDispatch.class);
    var spec = dispatch.build();
    if (dispatch.incarnation() == null) {
      throw new MalformedEventException("a dispatch needs an incarnation");
    }
    String arch;
    try {
      arch = Chroot.parse(spec.chroot()).arch();
    } catch (IllegalArgumentException e) {
      throw new MalformedEventException(e.getMessage(), e);
    }
    if (!arch.equals(worker.arch())) {
      throw new MalformedEventException(
          "build " + spec.buildId() + " is for " + arch + ", this worker builds " + worker.arch());
    }
    return dispatch;
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
