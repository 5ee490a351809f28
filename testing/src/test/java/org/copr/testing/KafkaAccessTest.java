package org.copr.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.EventJson;
import org.copr.contracts.TopicAccess;
import org.copr.contracts.Topics;
import org.junit.jupiter.api.Test;

/**
 * The bus as an attacker and as each service meet it: the test broker is started by dev/kafka, as
 * dev/stack's is, so these are the rights every Copr broker outside k8s enforces.
 */
class KafkaAccessTest {
  private final KafkaBroker broker = KafkaBroker.shared();

  /** Two workers, each with its own user and topics, as dev/stack's two workers of an arch. */
  private final List<String> workers =
      List.of(broker.worker("access-one").substring(7), broker.worker("access-two").substring(7));

  private Map<String, TopicAccess> table() {
    return TopicAccess.byUser(broker.workers());
  }

  private List<String> allTopics() {
    return Topics.all(broker.workers());
  }

  @Test
  void aWorkerCanNeitherReportNorReadUnderAnotherWorkersNameNorForAWorkerNobodyMade() {
    String one = workers.get(0);
    String two = workers.get(1);
    try (var producer = producer(broker.client(TopicAccess.worker(one)))) {
      for (String topic :
          List.of(
              Topics.workerReports(two),
              Topics.workerDispatch(two),
              Topics.workerReports("ghost-worker"),
              Topics.BUILDS_STATUS)) {
        var send = producer.send(new ProducerRecord<>(topic, one, forgedFinished()));
        assertThatThrownBy(send::get)
            .as(one + " may not write " + topic)
            .cause()
            .isInstanceOf(AuthorizationException.class);
      }
      assertThat(producer.send(new ProducerRecord<>(Topics.workerReports(one), one, "{}")))
          .succeedsWithin(Duration.ofSeconds(30));
    }
    try (var consumer =
        consumer(
            broker.client(TopicAccess.worker(one)), TopicAccess.workerGroup("dispatch", two))) {
      consumer.subscribe(List.of(Topics.workerDispatch(one)));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
          .as(one + " may not use " + two + "'s consumer group")
          .isInstanceOf(GroupAuthorizationException.class);
    }
    try (var consumer = consumer(broker.client(TopicAccess.worker(one)), null)) {
      consumer.assign(List.of(new TopicPartition(Topics.workerDispatch(two), 0)));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
          .as(one + " may not read " + two + "'s dispatches")
          .isInstanceOf(TopicAuthorizationException.class);
    }
    // A worker nobody gave credentials to cannot log in at all.
    Map<String, Object> ghost = broker.client(TopicAccess.API);
    ghost.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"worker.ghost-worker\" password=\"anything\";");
    try (var producer = producer(ghost)) {
      assertThatThrownBy(
              () -> producer.send(new ProducerRecord<>(Topics.workerReports(one), "x", "{}")).get())
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void aClientWithoutCredentialsCanWriteNoTopic() throws Exception {
    Map<String, Object> anonymous = new HashMap<>();
    anonymous.put("bootstrap.servers", broker.bootstrapServers());
    anonymous.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000);
    String forged = forgedFinished();
    try (var producer = producer(anonymous)) {
      for (String topic : allTopics()) {
        // The broker closes the connection before any request: the client never learns the
        // topic's partitions, so nothing is sent.
        assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "1", forged)).get())
            .as(topic)
            .cause()
            .isInstanceOf(TimeoutException.class);
      }
    }
    String marker = "marker-" + UUID.randomUUID();
    TopicProbe.send(broker.admin(), Topics.BUILDS_STATUS, "1", marker);
    try (var status = new TopicProbe(broker.admin(), Topics.BUILDS_STATUS)) {
      status.awaitRecord(r -> r.value().equals(marker), Duration.ofSeconds(30));
      assertThat(status.values()).doesNotContain(forged);
    }
  }

  @Test
  void aWrongPasswordIsRefused() {
    Map<String, Object> client = broker.client(TopicAccess.API);
    client.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"api-service\" password=\"guessed\";");
    try (var producer = producer(client)) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.COPRS, "x", "{}")).get())
          .hasCauseInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void eachUserWritesItsOwnTopicsAndNoOther() {
    table()
        .forEach(
            (user, access) -> {
              try (var producer = producer(broker.client(user))) {
                for (String topic : allTopics()) {
                  var send = producer.send(new ProducerRecord<>(topic, "1", "{}"));
                  if (access.writes().contains(topic)) {
                    assertThat(send)
                        .as(user + " writes " + topic)
                        .succeedsWithin(Duration.ofSeconds(30));
                  } else {
                    assertThatThrownBy(send::get)
                        .as(user + " may not write " + topic)
                        .isInstanceOf(ExecutionException.class)
                        .cause()
                        .isInstanceOf(AuthorizationException.class);
                  }
                }
              }
            });
  }

  @Test
  void eachUserReadsItsOwnTopicsInItsOwnGroupsAndNoOther() {
    table()
        .forEach(
            (user, access) -> {
              List<String> markers = new ArrayList<>();
              for (String topic : access.reads()) {
                String marker = "for-" + user + "-" + UUID.randomUUID();
                TopicProbe.send(broker.admin(), topic, "1", marker);
                markers.add(marker);
              }
              String group =
                  access.groups().isEmpty()
                      ? access.groupPrefixes().get(0) + UUID.randomUUID()
                      : access.groups().get(0);
              try (var consumer = consumer(broker.client(user), group)) {
                consumer.subscribe(access.reads());
                Set<String> seen = new HashSet<>();
                while (!seen.containsAll(markers)) {
                  consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
                }
                consumer.commitSync();
              }

              try (var consumer = consumer(broker.client(user), null)) {
                for (String topic : allTopics()) {
                  if (access.reads().contains(topic)) {
                    continue;
                  }
                  consumer.assign(List.of(new TopicPartition(topic, 0)));
                  assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
                      .as(user + " may not read " + topic)
                      .isInstanceOf(TopicAuthorizationException.class);
                }
              }

              try (var consumer = consumer(broker.client(user), "someone-else")) {
                consumer.subscribe(access.reads());
                assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(5)))
                    .as(user + " may use no other group")
                    .isInstanceOf(GroupAuthorizationException.class);
              }
            });
  }

  @Test
  void theBrokersAclsAreExactlyTheAccessTable() throws Exception {
    Set<String> expected = new HashSet<>();
    table()
        .forEach(
            (user, access) -> {
              access.writes().forEach(t -> expected.add("User:" + user + " WRITE TOPIC " + t));
              access.reads().forEach(t -> expected.add("User:" + user + " READ TOPIC " + t));
              access.groups().forEach(g -> expected.add("User:" + user + " READ GROUP " + g));
              access
                  .groupPrefixes()
                  .forEach(g -> expected.add("User:" + user + " READ GROUP " + g + "*"));
            });
    Set<String> actual = new HashSet<>();
    try (Admin admin = Admin.create(broker.admin())) {
      for (AclBinding b : admin.describeAcls(AclBindingFilter.ANY).values().get()) {
        assertThat(b.entry().permissionType().name()).isEqualTo("ALLOW");
        assertThat(b.entry().host()).isEqualTo("*");
        String name =
            b.pattern().name() + (b.pattern().patternType().name().equals("PREFIXED") ? "*" : "");
        actual.add(
            b.entry().principal()
                + " "
                + b.entry().operation()
                + " "
                + b.pattern().resourceType()
                + " "
                + name);
      }
    }
    assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
  }

  private static String forgedFinished() {
    return EventJson.write(
        new BuildStatus.Finished(
            999_999_999L,
            1,
            "worker-1",
            "someone-elses-copr",
            "fedora-40-x86_64",
            "hello",
            true,
            0,
            "results/1/1/",
            "logs/1/build-1.log",
            List.of(),
            "",
            1,
            null,
            null));
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> client) {
    Map<String, Object> p = new HashMap<>(client);
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    // Each send is judged on its topic's ACL alone: an idempotent producer of a user who may write
    // nothing fails its producer-id request once and then refuses every later send itself, sooner
    // or later depending on timing.
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    return new KafkaProducer<>(p);
  }

  private static KafkaConsumer<String, String> consumer(Map<String, Object> client, String group) {
    Map<String, Object> p = new HashMap<>(client);
    if (group != null) {
      p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    }
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return new KafkaConsumer<>(p);
  }
}
