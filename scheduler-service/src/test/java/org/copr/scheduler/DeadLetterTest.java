package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.copr.contracts.Topics;
import org.copr.testing.KafkaBroker;
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
    KafkaBroker.shared().worker("lonearch-dlq-worker");
    String reports = Topics.workerReports("lonearch-dlq-worker");
    try (TopicProbe requestedDlq = Kafka.probe(Topics.deadLetter(Topics.BUILDS_REQUESTED));
        TopicProbe reportsDlq = Kafka.probe(Topics.REPORTS_DEAD_LETTER)) {
      TopicProbe.send(Kafka.servers(), Topics.BUILDS_REQUESTED, "garbage", notJson);
      TopicProbe.send(Kafka.servers(), Topics.BUILDS_REQUESTED, "7", noChroot);
      TopicProbe.send(Kafka.servers(), reports, "garbage", notJson);
      TopicProbe.send(Kafka.servers(), reports, "garbage", "{\"type\":\"worker_heartbeat\"}");

      assertThat(requestedDlq.awaitDeadLetter(notJson::equals, PATIENCE)).isNotBlank();
      assertThat(requestedDlq.awaitDeadLetter(noChroot::equals, PATIENCE)).contains("bad");
      assertThat(reportsDlq.awaitDeadLetter(notJson::equals, PATIENCE)).isNotBlank();
      assertThat(reportsDlq.awaitDeadLetter(v -> v.contains("worker_heartbeat"), PATIENCE))
          .contains("bad worker");

      long id = Kafka.request("ivan", "fedora-40-lonearch");
      awaitBuild(id, state("queued", 0));
    }
  }
}
