package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
class BrokerOutageTest extends ServiceTest {
  private static final String ARCH = "restartarch";
  private static final String CHROOT = "epel-9-" + ARCH;

  @ConfigProperty(name = "copr.scheduler.worker-timeout")
  java.time.Duration workerTimeout;

  @Test
  void aBrokerOutageLongerThanTheWorkerTimeoutRequeuesNothingAndLosesNothing()
      throws InterruptedException {
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        WorkerStandIn worker = new WorkerStandIn(ARCH, 1)) {
      long running = Kafka.request("kim", CHROOT);
      worker.started(awaitDispatch(dispatches, running, 1));
      awaitBuild(running, state("running", 1));
      long waiting = Kafka.request("kim", CHROOT);
      awaitBuild(waiting, state("queued", 0));

      KafkaBroker.shared().stop();
      try {
        // No heartbeat reaches the scheduler for twice the worker timeout.
        Thread.sleep(workerTimeout.multipliedBy(2).toMillis());
      } finally {
        KafkaBroker.shared().start();
      }

      worker.finished(running, 1, true);
      JsonPath done = awaitBuild(running, state("done", 1));
      assertThat(done.getString("outcome")).isEqualTo("succeeded");
      assertThat(done.getString("worker_id")).isEqualTo(worker.id);
      awaitDispatch(dispatches, waiting, 1);
      awaitBuild(waiting, state("dispatched", 1));
    }
  }
}
