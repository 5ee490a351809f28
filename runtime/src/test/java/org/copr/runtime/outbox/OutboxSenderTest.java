package org.copr.runtime.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.copr.runtime.kafka.KafkaProducers;
import org.copr.testing.KafkaBroker;
import org.copr.testing.PostgresTestResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The relay against the real broker and PostgreSQL, with more than one replica at work. */
class OutboxSenderTest {
  private static final PostgresTestResource database = new PostgresTestResource();
  private static final PGSimpleDataSource dataSource = new PGSimpleDataSource();
  private static KafkaBroker broker;

  @BeforeAll
  static void start() throws Exception {
    Map<String, String> db = database.start();
    dataSource.setURL(db.get("quarkus.datasource.jdbc.url"));
    dataSource.setUser(db.get("quarkus.datasource.username"));
    dataSource.setPassword(db.get("quarkus.datasource.password"));
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(schema());
    }
    broker = KafkaBroker.shared();
  }

  @AfterAll
  static void stop() {
    database.stop();
  }

  @Test
  void twoReplicasSendEachKeysEventsInTheOrderTheyWereCommitted() throws Exception {
    String topic = newTopic(4);
    int keys = 40;
    int perKey = 40;
    ExecutorService pool = Executors.newFixedThreadPool(6);
    AtomicBoolean written = new AtomicBoolean();
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      int writer = w;
      writers.add(pool.submit(() -> write(topic, writer, keys / 4, perKey)));
    }
    List<Future<Integer>> relays = new ArrayList<>();
    for (String replica : List.of("replica-a", "replica-b")) {
      relays.add(pool.submit(() -> relayUntilEmpty(replica, written)));
    }
    for (Future<?> writer : writers) {
      writer.get();
    }
    written.set(true);
    int sentByA = relays.get(0).get();
    int sentByB = relays.get(1).get();
    pool.shutdown();

    Map<String, List<Integer>> received = consume(topic, keys * perKey);
    assertThat(received).hasSize(keys);
    List<Integer> inOrder = IntStream.range(0, perKey).boxed().toList();
    received.forEach((key, seqs) -> assertThat(seqs).as("events of " + key).isEqualTo(inOrder));
    assertThat(sentByA + sentByB).isEqualTo(keys * perKey);
    assertThat(pending()).isZero();
  }

  @Test
  void anEventTheBrokerCanNeverTakeIsSetAsideAndTheOthersGoOn() throws Exception {
    String topic = newTopic(1);
    insert(
        List.of(
            row(topic, "k", "0"),
            row(topic, "k", "x".repeat(2_000_000)),
            row("not a topic name!", "k", "lost"),
            row(topic, "k", "1")));
    try (Producer<String, String> producer = producer("replica-a")) {
      OutboxSender.Round round = new OutboxSender(dataSource, producer, 100).relayOnce();
      assertThat(round.sent()).isEqualTo(2);
      assertThat(round.setAside()).hasSize(2);
      assertThat(round.stoppedBy()).isNull();
    }
    assertThat(consume(topic, 2)).containsEntry("k", List.of(0, 1));
    assertThat(pending()).isZero();
    try (Connection c = dataSource.getConnection()) {
      assertThat(OutboxTable.count(c, "failure like 'RecordTooLargeException%'")).isEqualTo(1);
      assertThat(OutboxTable.count(c, "failure like 'InvalidTopicException%'")).isEqualTo(1);
    }
  }

  /** Each key's events in small transactions, interleaved with the other keys of the writer. */
  private static Void write(String topic, int writer, int keys, int perKey) throws SQLException {
    for (int seq = 0; seq < perKey; seq++) {
      for (int k = 0; k < keys; k++) {
        insert(List.of(row(topic, "key-" + writer + "-" + k, Integer.toString(seq))));
      }
    }
    return null;
  }

  private static int relayUntilEmpty(String replica, AtomicBoolean written) throws Exception {
    int sent = 0;
    try (Producer<String, String> producer = producer(replica)) {
      OutboxSender sender =
          new OutboxSender(dataSource, producer, 1 + ThreadLocalRandom.current().nextInt(50));
      while (!written.get() || pending() > 0) {
        OutboxSender.Round round = sender.relayOnce();
        assertThat(round.stoppedBy()).isNull();
        sent += round.sent();
        if (!round.locked()) {
          Thread.sleep(1);
        }
      }
    }
    return sent;
  }

  private static OutboxRow row(String topic, String key, String payload) {
    return new OutboxRow(0, topic, key, "test_event", payload);
  }

  private static void insert(List<OutboxRow> rows) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      OutboxTable.insert(c, rows);
      c.commit();
    }
  }

  private static long pending() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return OutboxTable.count(c, "set_aside_at is null");
    }
  }

  private static Producer<String, String> producer(String replica) {
    Map<String, Object> kafka = new HashMap<>();
    kafka.putAll(broker.admin());
    kafka.put("max.request.size", 1_000_000);
    return KafkaProducers.create(kafka, replica);
  }

  private static String newTopic(int partitions) throws Exception {
    String topic = "outbox-test-" + UUID.randomUUID();
    Properties p = new Properties();
    p.putAll(broker.admin());
    try (Admin admin = Admin.create(p)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
    return topic;
  }

  /** Every key's payloads as numbers, in the order a consumer reads them. */
  private static Map<String, List<Integer>> consume(String topic, int expected) {
    Properties p = new Properties();
    p.putAll(broker.admin());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    Map<String, List<Integer>> byKey = new HashMap<>();
    int count = 0;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
      consumer.subscribe(List.of(topic));
      while (count < expected && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
          byKey.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(Integer.parseInt(r.value()));
          count++;
        }
      }
    }
    assertThat(count).as("records read from " + topic).isEqualTo(expected);
    return byKey;
  }

  private static String schema() throws Exception {
    try (var in = OutboxTable.class.getResourceAsStream("outbox.sql")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
