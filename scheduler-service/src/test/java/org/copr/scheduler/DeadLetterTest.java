package org.copr.scheduler;

import io.quarkus.test.junit.QuarkusTest;
import org.copr.contracts.Topics;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

@QuarkusTest
class DeadLetterTest extends ServiceTest {

  @Test
  void malformedMessagesLandInTheDeadLetterTopicAndTheConsumersGoOn() {
    String notJson = "this is not an event {";
    String noChroot =
        "{\"type\":\"build_requested\",\"build\":{\"build_id\":7,\"owner\":\"x\",\"copr\":\"c\","
            + "\"package_name\":\"p\",\"chroot\":\"nochroot\"}}";
    try (TopicProbe requestedDlq = Kafka.probe(Topics.deadLetter(Topics.BUILDS_REQUESTED));
        TopicProbe statusDlq = Kafka.probe(Topics.deadLetter(Topics.BUILDS_STATUS));
        TopicProbe heartbeatDlq = Kafka.probe(Topics.deadLetter(Topics.WORKERS_HEARTBEAT))) {
      TopicProbe.send(Kafka.servers(), Topics.BUILDS_REQUESTED, "garbage", notJson);
      TopicProbe.send(Kafka.servers(), Topics.BUILDS_REQUESTED, "7", noChroot);
      TopicProbe.send(Kafka.servers(), Topics.BUILDS_STATUS, "garbage", notJson);
      TopicProbe.send(
          Kafka.servers(), Topics.WORKERS_HEARTBEAT, "garbage", "{\"type\":\"worker_heartbeat\"}");

      requestedDlq.awaitRecord(r -> r.value().equals(notJson), PATIENCE);
      requestedDlq.awaitRecord(r -> r.value().equals(noChroot), PATIENCE);
      statusDlq.awaitRecord(r -> r.value().equals(notJson), PATIENCE);
      heartbeatDlq.awaitRecord(r -> r.value().contains("worker_heartbeat"), PATIENCE);

      long id = Kafka.request("ivan", "fedora-40-lonearch");
      awaitBuild(id, state("queued", 0));
    }
  }
}
