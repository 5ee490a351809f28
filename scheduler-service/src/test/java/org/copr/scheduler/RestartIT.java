package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.EventJson;
import org.copr.contracts.TopicAccess;
import org.copr.testing.KafkaBroker;
import org.copr.testing.PostgresTestResource;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The packaged scheduler killed with SIGKILL and started again on the same database: queued builds,
 * running assignments and the owners' turn are all still there.
 */
class RestartIT {
  private static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

  private final PostgresTestResource database = new PostgresTestResource();
  private Map<String, String> databaseConfig;
  private Process scheduler;
  private int port;

  @BeforeEach
  void createDatabase() {
    databaseConfig = database.start();
    port = KafkaBroker.freePort();
    RestAssured.port = port;
  }

  @AfterEach
  void dropDatabase() {
    if (scheduler != null) {
      scheduler.destroyForcibly();
    }
    database.stop();
  }

  @Test
  void queuedAndRunningBuildsAndTheOwnersTurnSurviveAKill() throws Exception {
    start();
    try (TopicProbe dispatches = Kafka.dispatches("x86_64");
        WorkerStandIn worker = new WorkerStandIn("x86_64", 1)) {
      long aliceFirst = Kafka.request("alice", "fedora-40-x86_64");
      worker.started(ServiceTest.awaitDispatch(dispatches, aliceFirst, 1));
      ServiceTest.awaitBuild(aliceFirst, ServiceTest.state("running", 1));
      long aliceSecond = Kafka.request("alice", "fedora-40-x86_64");
      long bob = Kafka.request("bob", "fedora-40-x86_64");
      ServiceTest.awaitBuild(bob, ServiceTest.state("queued", 0));
      ServiceTest.awaitBuild(aliceSecond, ServiceTest.state("queued", 0));

      scheduler.destroyForcibly().waitFor();
      start();

      assertThat(ServiceTest.build(aliceFirst).getString("worker_id")).isEqualTo(worker.id);
      worker.finished(aliceFirst, 1, true);
      // alice was served last before the kill, so it is bob's turn now, although alice's
      // second build was requested first.
      worker.started(ServiceTest.awaitDispatch(dispatches, bob, 1));
      ServiceTest.awaitBuild(aliceFirst, ServiceTest.state("done", 1));
      ServiceTest.awaitBuild(aliceSecond, ServiceTest.state("queued", 0));
      List<Long> dispatched = new ArrayList<>();
      for (String json : dispatches.values()) {
        dispatched.add(EventJson.read(json, BuildDispatch.class).build().buildId());
      }
      assertThat(dispatched).containsExactly(aliceFirst, bob);
    }
  }

  private void start() throws IOException {
    assertThat(JAR).as("the packaged scheduler (mvn package)").exists();
    List<String> command = new ArrayList<>(List.of("java"));
    databaseConfig.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-Dquarkus.http.port=" + port);
    command.add("-Dcopr.scheduler.worker-timeout=6s");
    command.add("-jar");
    command.add(JAR.toString());
    Path log = Files.createDirectories(Path.of("target/restart-it")).resolve("scheduler.log");
    ProcessBuilder builder = new ProcessBuilder(command);
    // Through the environment, as dev/stack does: a password is never a process argument.
    KafkaBroker.shared()
        .serviceConfig(TopicAccess.SCHEDULER)
        .forEach((key, value) -> builder.environment().put(envName(key), value));
    scheduler =
        builder
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    await()
        .atMost(Duration.ofMinutes(3))
        .ignoreExceptions()
        .until(() -> RestAssured.get("/q/health/ready").statusCode() == 200);
  }

  private static String envName(String key) {
    return key.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
  }
}
