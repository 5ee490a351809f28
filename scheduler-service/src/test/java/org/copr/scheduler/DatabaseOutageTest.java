package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.Topics;
import org.copr.testing.DatabaseOutage;
import org.copr.testing.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A build request that the database refuses for a while (its table is away) is retried in place by
 * runtime's inbound pipeline until it is queued, and is not dead-lettered: a malformed marker sent
 * after it, on its partition, reaches the dead-letter topic and it is not there.
 */
@QuarkusTest
class DatabaseOutageTest extends ServiceTest {
  @Inject MeterRegistry registry;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String database;

  @Test
  void aRequestTheDatabaseRefusesForAWhileIsRetriedAndQueued() throws InterruptedException {
    BuildRequested request = Kafka.requestOf("olga", "fedora-40-outagearch");
    long id = request.build().buildId();
    try (TopicProbe dlq = Kafka.probe(Topics.deadLetter(Topics.BUILDS_REQUESTED))) {
      try (DatabaseOutage outage = DatabaseOutage.of(database, "build")) {
        double failed = failedTries();
        Kafka.send(Topics.BUILDS_REQUESTED, id, request);
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (failedTries() <= failed) {
          assertThat(System.nanoTime()).as("a failed try").isLessThan(deadline);
          Thread.sleep(100);
        }
      }

      awaitBuild(id, state("queued", 0));
      String marker = "marker after build " + id;
      TopicProbe.send(Kafka.servers(), Topics.BUILDS_REQUESTED, Long.toString(id), marker);
      assertThat(dlq.awaitRecord(r -> marker.equals(r.value()), PATIENCE))
          .noneMatch(r -> r.value().contains("\"build_id\":" + id + ","));
    }
  }

  private double failedTries() {
    return registry.counter("copr.inbound.failed.tries", "topic", Topics.BUILDS_REQUESTED).count();
  }
}
