package org.copr.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import org.copr.contracts.BuildStatus;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.copr.worker.config.ThisWorker;
import org.junit.jupiter.api.Test;

/** A build that ends while the broker is down still reports its end once the broker is back. */
@QuarkusTest
class BrokerOutageTest {
  private static final Duration WAIT = Duration.ofSeconds(180);

  @Inject ThisWorker worker;

  @Test
  void theFinishedEventOfABuildThatEndsDuringABrokerOutageArrivesAfterIt() throws Exception {
    long id = Dispatches.nextId();
    String name = "outage-" + id;
    String spec = Dispatches.sleepingSpec(name, 15);
    try (var status = new TopicProbe(Dispatches.bootstrap(), Dispatches.reports())) {
      Dispatches.dispatch(worker, id, "fedora-40-x86_64", name, spec, 0);
      status.awaitEvent(BuildStatus.Started.class, e -> e.buildId() == id, WAIT);
    }

    KafkaBroker.shared().stop();
    try {
      org.awaitility.Awaitility.await()
          .atMost(WAIT)
          .until(() -> Files.readString(worker.storage().log(id, 1)).contains("built in"));
    } finally {
      KafkaBroker.shared().start();
    }

    try (var status = new TopicProbe(Dispatches.bootstrap(), Dispatches.reports())) {
      var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);
      assertThat(finished.success()).isTrue();
      assertThat(finished.artifacts()).hasSize(2);
    }
  }
}
