package org.copr.api.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.copr.api.CoprConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Sends unsent outbox rows to Kafka in id order and marks them sent. It runs on one thread of its
 * own, woken after every commit that wrote events and on a timer; while the broker is away each
 * round fails and the rows wait, so an outage delays events but never loses them. A PostgreSQL
 * advisory lock keeps two api-service replicas from relaying at once.
 */
@ApplicationScoped
public class OutboxRelay {
  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
  private static final long ADVISORY_LOCK = 0x636f7072L; // "copr"
  private static final Duration PRUNE_EVERY = Duration.ofHours(1);

  @Inject CoprConfig config;
  @Inject EntityManager em;

  @ConfigProperty(name = "kafka.bootstrap.servers")
  String bootstrapServers;

  private final ExecutorService thread =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "outbox-relay"));
  private final AtomicBoolean queued = new AtomicBoolean();
  private final Counter sent;
  private final Counter failures;
  private KafkaProducer<String, String> producer;
  private Instant lastPrune = Instant.EPOCH;

  @Inject
  OutboxRelay(MeterRegistry registry) {
    sent = registry.counter("copr.outbox.sent");
    failures = registry.counter("copr.outbox.send.failures");
  }

  void afterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.Written written) {
    wake();
  }

  @Scheduled(
      every = "${copr.outbox.poll-interval}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void tick() {
    wake();
  }

  /** Asks for a relay round; rounds never overlap and extra wake-ups merge into one. */
  public void wake() {
    if (!thread.isShutdown() && queued.compareAndSet(false, true)) {
      try {
        thread.execute(this::relayAll);
      } catch (RejectedExecutionException e) {
        // shutting down: the rows stay in the outbox for the next start
      }
    }
  }

  private void relayAll() {
    queued.set(false);
    try {
      while (relayBatch() == config.outbox().batchSize()) {
        // a full batch: more may be waiting
      }
      pruneSent();
    } catch (RuntimeException e) {
      failures.increment();
      LOG.warnf(
          "outbox relay round failed, retrying in %s: %s",
          config.outbox().pollInterval(), e.getMessage());
    }
  }

  /** Relays one batch; returns how many rows it marked sent. */
  private int relayBatch() {
    return QuarkusTransaction.requiringNew()
        .timeout(120)
        .call(
            () -> {
              Boolean locked =
                  (Boolean)
                      em.createNativeQuery("select pg_try_advisory_xact_lock(?1)")
                          .setParameter(1, ADVISORY_LOCK)
                          .getSingleResult();
              if (!locked) {
                return 0;
              }
              List<OutboxMessage> batch =
                  OutboxMessage.<OutboxMessage>find("sentAt is null order by id")
                      .page(0, config.outbox().batchSize())
                      .list();
              return send(batch);
            });
  }

  /**
   * Sends the batch and marks the longest prefix the broker acknowledged. The first event goes
   * alone, so that a round during an outage waits for one timeout rather than one per event.
   */
  private int send(List<OutboxMessage> batch) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
    int done = 0;
    try {
      for (OutboxMessage m : batch) {
        acks.add(producer().send(new ProducerRecord<>(m.topic, m.key, m.payload)));
        if (acks.size() == 1) {
          acks.get(0).get();
        }
      }
      Instant now = Instant.now();
      for (Future<RecordMetadata> ack : acks) {
        ack.get();
        batch.get(done).sentAt = now;
        done++;
      }
    } catch (Exception e) {
      failures.increment();
      LOG.warnf(
          "Kafka did not take outbox event %d (%s): %s; it stays queued",
          batch.get(done).id, batch.get(done).type, rootMessage(e));
    }
    sent.increment(done);
    return done;
  }

  private void pruneSent() {
    if (Instant.now().isBefore(lastPrune.plus(PRUNE_EVERY))) {
      return;
    }
    lastPrune = Instant.now();
    long removed =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    OutboxMessage.delete(
                        "sentAt < ?1", Instant.now().minus(config.outbox().retention())));
    if (removed > 0) {
      LOG.infof("pruned %d sent outbox events", removed);
    }
  }

  private KafkaProducer<String, String> producer() {
    if (producer == null) {
      Properties p = new Properties();
      p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
      p.put(ProducerConfig.CLIENT_ID_CONFIG, "copr-api-outbox");
      p.put(ProducerConfig.ACKS_CONFIG, "all");
      p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
      p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
      p.put(ProducerConfig.LINGER_MS_CONFIG, 5);
      p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
      p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 5_000);
      p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
      p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
      p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
      producer = new KafkaProducer<>(p);
    }
    return producer;
  }

  void onStop(@Observes ShutdownEvent stop) {
    thread.shutdown();
    try {
      thread.awaitTermination(15, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (producer != null) {
      producer.close(Duration.ofSeconds(5));
    }
  }

  private static String rootMessage(Throwable e) {
    while (e.getCause() != null) {
      e = e.getCause();
    }
    return e.toString();
  }
}
