package org.copr.repo;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.copr.contracts.BuildStatus;
import org.copr.runtime.kafka.KeyedSender;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/** A status reported while the broker is down is delivered once it is back, not lost. */
@QuarkusTest
class BrokerOutageTest {
  @Inject KeyedSender sender;

  @Test
  void publishedSentDuringAnOutageArrivesAfterIt() throws Exception {
    long id = FinishedBuilds.nextBuildId();
    KafkaBroker broker = KafkaBroker.shared();
    broker.stop();
    CompletableFuture<Void> reported;
    try {
      reported =
          CompletableFuture.runAsync(
              () ->
                  sender.status(
                      new BuildStatus.Published(id, 1, "outage", "fedora-40-x86_64", "repos/x")));
      assertThat(reported).as("cannot be acknowledged while the broker is down").isNotDone();
    } finally {
      broker.start();
    }
    reported.get(5, TimeUnit.MINUTES);
    try (TopicProbe status = Events.statusProbe()) {
      assertThat(Events.awaitPublished(status, id).copr()).isEqualTo("outage");
    }
  }
}
