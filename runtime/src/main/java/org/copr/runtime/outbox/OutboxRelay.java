package org.copr.runtime.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.common.annotation.Identifier;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.Producer;
import org.copr.runtime.Wakeup;
import org.copr.runtime.kafka.KafkaProducers;
import org.jboss.logging.Logger;

/**
 * Empties the outbox into Kafka: woken after every commit that wrote events and on a timer, it
 * sends rounds until the outbox is empty or the broker stops taking events, which then wait in
 * PostgreSQL for the next wake-up. Rounds never overlap within a process, and the relay lock keeps
 * replicas from relaying at the same time.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  private final Producer<String, String> producer;
  private final OutboxSender sender;
  private final Wakeup wakeup;
  private final Counter sent;
  private final Counter setAside;
  private final Counter failures;

  OutboxRelay(
      DataSource dataSource,
      @Identifier("default-kafka-broker") Map<String, Object> kafka,
      OutboxConfig config,
      MeterRegistry registry) {
    this.producer = KafkaProducers.create(kafka, "copr-outbox");
    this.sender = new OutboxSender(dataSource, producer, config.batchSize());
    this.wakeup = new Wakeup("outbox-relay", this::relayAll);
    this.sent = registry.counter("copr.outbox.sent");
    this.setAside = registry.counter("copr.outbox.set.aside");
    this.failures = registry.counter("copr.outbox.send.failures");
  }

  /** Asks for rounds until the outbox is empty; asks that come meanwhile merge into one. */
  public void wake() {
    wakeup.wake();
  }

  @Scheduled(
      every = "${copr.outbox.poll-interval:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    wake();
  }

  @PreDestroy
  void stop() {
    wakeup.stop();
    producer.close(Duration.ofSeconds(5));
  }

  private void relayAll() {
    try {
      OutboxSender.Round round;
      do {
        round = sender.relayOnce();
        sent.increment(round.sent());
        for (String event : round.setAside()) {
          setAside.increment();
          LOG.errorf("outbox event set aside, the broker can never take it: %s", event);
        }
        if (round.stoppedBy() != null) {
          failures.increment();
          LOG.warnf(
              "Kafka did not take an outbox event, it waits for the next round: %s",
              round.stoppedBy().toString());
        }
      } while (round.stoppedBy() == null && round.handled() == sender.batchSize());
    } catch (SQLException e) {
      failures.increment();
      LOG.warnf("outbox relay round failed, the next wake-up retries: %s", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
