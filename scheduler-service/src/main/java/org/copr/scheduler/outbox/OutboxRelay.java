package org.copr.scheduler.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.copr.scheduler.Wakeup;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Sends the outbox in order, one message at a time, and deletes each message only after the broker
 * acknowledged it. When the broker is away the messages wait; a crash between send and delete sends
 * a message twice, which consumers tolerate (delivery is at least once anyway).
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final int BATCH = 100;
  private static final Duration ACK_TIMEOUT = Duration.ofSeconds(40);

  @Inject
  @Channel("outbox")
  MutinyEmitter<String> emitter;

  private Wakeup wakeup;

  @PostConstruct
  void start() {
    wakeup = new Wakeup("outbox-relay", () -> QuarkusTransaction.requiringNew().run(this::relay));
  }

  void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written written) {
    wakeup.wake();
  }

  @Scheduled(
      every = "${copr.scheduler.outbox-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    wakeup.wake();
  }

  @PreDestroy
  void stop() {
    wakeup.stop();
  }

  private void relay() {
    // SKIP LOCKED: a second scheduler replica relays other rows instead of waiting.
    @SuppressWarnings("unchecked")
    List<OutboxMessage> batch =
        OutboxMessage.getEntityManager()
            .createNativeQuery(
                "select * from outbox order by id limit " + BATCH + " for update skip locked",
                OutboxMessage.class)
            .getResultList();
    for (OutboxMessage message : batch) {
      try {
        emitter
            .sendMessage(
                Message.of(message.payload)
                    .addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder()
                            .withTopic(message.topic)
                            .withKey(message.messageKey)
                            .build()))
            .await()
            .atMost(ACK_TIMEOUT);
      } catch (RuntimeException e) {
        LOG.warnf(
            "cannot send to %s (key %s), will retry: %s",
            message.topic, message.messageKey, e.getMessage());
        return;
      }
      message.delete();
    }
  }
}
