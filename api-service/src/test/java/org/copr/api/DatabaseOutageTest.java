package org.copr.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.awaitBuild;
import static org.copr.api.Api.newCopr;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.unique;
import static org.copr.api.Api.upload;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Event;
import org.copr.contracts.SigningKey;
import org.copr.contracts.Topics;
import org.copr.testing.DatabaseOutage;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Both consumers go through runtime's inbound pipeline: an event the database refuses for a while
 * is retried until it is applied, and is not dead-lettered (a malformed marker sent after it
 * reaches the dead-letter topic, and it is not there). A malformed one goes to the dead letters
 * with the reason: {@code BuildApiTest}, {@code CoprApiTest}.
 */
@QuarkusTest
class DatabaseOutageTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Inject MeterRegistry registry;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String database;

  private static String bootstrap() {
    return KafkaBroker.shared().bootstrapServers();
  }

  private static long newBuild() {
    String owner = newUser("retry");
    String copr = newCopr(owner, List.of("fedora-40"), List.of("x86_64"));
    return upload(owner, copr, Rpms.srpm(unique("pkg"), "1.0"))
        .then()
        .statusCode(202)
        .extract()
        .jsonPath()
        .getLong("builds[0].id");
  }

  @Test
  void aStatusTheDatabaseRefusesForAWhileIsRetriedAndApplied() throws Exception {
    long build = newBuild();
    var dispatched = new BuildStatus.Dispatched(build, 1, "x86_64");
    try (TopicProbe dlq = new TopicProbe(bootstrap(), Topics.deadLetter(Topics.BUILDS_STATUS))) {
      try (DatabaseOutage outage = DatabaseOutage.of(database, "builds")) {
        double failed = failedTries(Topics.BUILDS_STATUS);
        TopicProbe.send(
            bootstrap(), Topics.BUILDS_STATUS, Long.toString(build), (Event) dispatched);
        awaitMoreFailedTries(Topics.BUILDS_STATUS, failed);
      }

      awaitBuild(build, b -> "starting".equals(b.get("state")));
      assertNotDeadLettered(
          dlq, Topics.BUILDS_STATUS, Long.toString(build), "\"build_id\":" + build);
    }
  }

  @Test
  void aSigningKeyTheDatabaseRefusesForAWhileIsRetriedAndRecorded() throws Exception {
    String copr = newCopr(newUser("keys"), List.of("fedora-40"), List.of("x86_64"));
    String fingerprint = "0123456789ABCDEF0123456789ABCDEF01234567";
    var key = new SigningKey(copr, fingerprint, Instant.now().plus(Duration.ofDays(1825)));
    try (TopicProbe dlq = new TopicProbe(bootstrap(), Topics.deadLetter(Topics.COPR_KEYS))) {
      try (DatabaseOutage outage = DatabaseOutage.of(database, "coprs")) {
        double failed = failedTries(Topics.COPR_KEYS);
        TopicProbe.send(bootstrap(), Topics.COPR_KEYS, copr, key);
        awaitMoreFailedTries(Topics.COPR_KEYS, failed);
      }

      long deadline = System.nanoTime() + WAIT.toNanos();
      while (!fingerprint.equals(
          anonymous().get("/coprs/{name}", copr).then().extract().path("gpg_fingerprint"))) {
        assertThat(System.nanoTime()).as("gpg_fingerprint within " + WAIT).isLessThan(deadline);
        Thread.sleep(200);
      }
      assertNotDeadLettered(dlq, Topics.COPR_KEYS, copr, fingerprint);
    }
  }

  private double failedTries(String topic) {
    return registry.counter("copr.inbound.failed.tries", "topic", topic).count();
  }

  /** Until the consumer has failed at least once more on the topic: the outage was felt. */
  private void awaitMoreFailedTries(String topic, double before) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (failedTries(topic) <= before) {
      assertThat(System.nanoTime()).as("a failed try within " + WAIT).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  /**
   * A malformed marker sent after the event, with its key (so on its partition), reaches the dead
   * letters; the event, which it names, did not.
   */
  private static void assertNotDeadLettered(
      TopicProbe dlq, String topic, String key, String eventText) {
    String marker = "marker " + unique("m");
    TopicProbe.send(bootstrap(), topic, key, marker);
    assertThat(dlq.awaitRecord(r -> marker.equals(r.value()), WAIT))
        .noneMatch(r -> r.value().contains(eventText));
  }
}
