package org.copr.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.as;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.unique;
import static org.copr.api.Api.upload;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.copr.api.DbState;
import org.copr.api.Rpms;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.Topics;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/** With the broker down, changes still succeed; their events follow once it is back. */
@QuarkusTest
class BrokerOutageTest {
  @Inject DbState db;

  @Test
  void eventsWaitInTheOutboxWhileKafkaIsDown() throws InterruptedException {
    String alice = newUser("alice");
    String copr = unique("outage");
    String pkg = unique("outpkg");
    KafkaBroker broker = KafkaBroker.shared();
    broker.stop();
    List<Long> builds;
    try {
      as(alice)
          .contentType(ContentType.JSON)
          .body(Map.of("name", copr, "releases", List.of("fedora-40"), "arches", List.of("x86_64")))
          .post("/coprs")
          .then()
          .statusCode(201);
      as(alice)
          .contentType(ContentType.JSON)
          .body(Map.of("releases", List.of("epel-9")))
          .post("/coprs/{c}/add_releases", copr)
          .then()
          .statusCode(200);
      builds =
          upload(alice, copr, Rpms.srpm(pkg, "1.0"))
              .then()
              .statusCode(202)
              .extract()
              .jsonPath()
              .getList("builds.id", Long.class);
      assertThat(
              db.count(
                  "select count(*) from outbox where set_aside_at is null and event_key in ('"
                      + copr
                      + "', '"
                      + builds.get(0)
                      + "', '"
                      + builds.get(1)
                      + "')"))
          .isEqualTo(4);
    } finally {
      broker.start();
    }

    Duration wait = Duration.ofSeconds(120);
    try (TopicProbe coprs = new TopicProbe(broker.bootstrapServers(), Topics.COPRS)) {
      coprs.awaitEvent(CoprEvent.Created.class, e -> e.copr().equals(copr), wait);
      coprs.awaitEvent(
          CoprEvent.ChrootsAdded.class,
          e -> e.copr().equals(copr) && e.chroots().equals(List.of("epel-9-x86_64")),
          wait);
    }
    try (TopicProbe requested =
        new TopicProbe(broker.bootstrapServers(), Topics.BUILDS_REQUESTED)) {
      for (long id : builds) {
        requested.awaitEvent(BuildRequested.class, e -> e.build().buildId() == id, wait);
      }
    }
    long deadline = System.nanoTime() + wait.toNanos();
    while (db.count("select count(*) from outbox where set_aside_at is null") > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
    assertThat(db.count("select count(*) from outbox where set_aside_at is null")).isZero();
  }
}
