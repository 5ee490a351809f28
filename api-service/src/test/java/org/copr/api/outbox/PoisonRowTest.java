package org.copr.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.as;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.unique;
import static org.copr.api.Api.upload;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.copr.api.Rpms;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.Topics;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * An event the broker can never take (here one made larger than its size limit on purpose) does not
 * stop the events behind it: it is set aside with the reason, and the next upload's builds are
 * requested as usual.
 */
@QuarkusTest
class PoisonRowTest {
  @Inject AgroalDataSource dataSource;

  @Test
  void aRowTheBrokerRefusesGoesAsideAndTheNextUploadsBuildsAreRequested() throws Exception {
    String alice = newUser("alice");
    String copr = unique("poison");
    as(alice)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                copr,
                "releases",
                List.of("fedora-40"),
                "arches",
                List.of("x86_64", "aarch64")))
        .post("/coprs")
        .then()
        .statusCode(201);
    long poison = insertTooLargeRow();

    List<Long> builds =
        upload(alice, copr, Rpms.srpm(unique("after-poison"), "1.0"))
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getList("builds.id", Long.class);

    assertThat(builds).hasSize(2).allMatch(id -> id > 0);
    try (TopicProbe requested =
        new TopicProbe(KafkaBroker.shared().bootstrapServers(), Topics.BUILDS_REQUESTED)) {
      for (long id : builds) {
        requested.awaitEvent(
            BuildRequested.class, e -> e.build().buildId() == id, Duration.ofSeconds(60));
      }
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select set_aside_at is not null, failure from outbox where id = ?")) {
      s.setLong(1, poison);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).as("the refused row is kept, set aside").isTrue();
        assertThat(r.getBoolean(1)).isTrue();
        assertThat(r.getString(2)).contains("RecordTooLargeException");
      }
    }
  }

  /** A row ahead of the upload's, 2 MiB: past the producer's and the broker's 1 MiB limit. */
  private long insertTooLargeRow() throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "insert into outbox (topic, event_key, event_type, payload)"
                    + " values (?, 'poison', 'build_requested', ?) returning id")) {
      s.setString(1, Topics.BUILDS_REQUESTED);
      s.setString(2, "{\"padding\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}");
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
