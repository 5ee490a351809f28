package org.copr.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.as;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.unique;
import static org.copr.api.Api.upload;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.copr.api.Api;
import org.copr.api.Rpms;
import org.copr.contracts.BuildControl;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.Envelope;
import org.copr.contracts.Event;
import org.copr.contracts.EventJson;
import org.copr.contracts.Topics;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/** What other services see on the real broker after changes made through the API. */
@QuarkusTest
class EventsTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  private static TopicProbe probe(String topic) {
    return new TopicProbe(KafkaBroker.shared().bootstrapServers(), topic);
  }

  @Test
  void coprChangesPackageUploadsDeletesAndCancelsAreAnnounced() {
    Instant start = Instant.now().minusSeconds(1);
    String alice = newUser("alice");
    String dep = Api.newCopr(alice, List.of("fedora-40", "epel-9"), List.of("x86_64"));
    String copr = unique("events");
    as(alice)
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "name",
                copr,
                "releases",
                List.of("fedora-40"),
                "arches",
                List.of("x86_64", "aarch64"),
                "dependencies",
                List.of(dep)))
        .post("/coprs")
        .then()
        .statusCode(201);
    as(alice)
        .contentType(ContentType.JSON)
        .body(Map.of("releases", List.of("epel-9")))
        .post("/coprs/{c}/add_releases", copr)
        .then()
        .statusCode(200);
    as(alice)
        .contentType(ContentType.JSON)
        .body(Map.of("releases", List.of("fedora-40")))
        .post("/coprs/{c}/remove_releases", copr)
        .then()
        .statusCode(200);
    String pkg = unique("evpkg");
    JsonPath uploaded =
        upload(alice, copr, Rpms.srpm(pkg, "2.0")).then().statusCode(202).extract().jsonPath();
    List<Long> buildIds = uploaded.getList("builds.id", Long.class);
    String sha256 = uploaded.getString("package.versions[0].srpm_sha256");
    as(alice).post("/builds/{id}/cancel", buildIds.get(0)).then().statusCode(202);
    as(alice).delete("/coprs/{c}/packages/{p}", copr, pkg).then().statusCode(204);
    as(alice).delete("/coprs/{c}", copr).then().statusCode(204);

    try (TopicProbe coprs = probe(Topics.COPRS)) {
      coprs.awaitEvent(CoprEvent.Deleted.class, e -> e.copr().equals(copr), WAIT);
      List<ConsumerRecord<String, String>> mine =
          coprs.awaitRecord(r -> copr.equals(r.key()), WAIT).stream()
              .filter(r -> copr.equals(r.key()))
              .toList();
      List<Event> events = mine.stream().map(r -> EventJson.read(r.value(), Event.class)).toList();
      assertThat(events)
          .extracting(e -> e.getClass().getSimpleName())
          .containsExactly(
              "Created", "ChrootsAdded", "ChrootsRemoved", "PackageDeleted", "Deleted");

      CoprEvent.Created created = (CoprEvent.Created) events.get(0);
      assertThat(created.owner()).isEqualTo(alice);
      assertThat(created.chroots()).containsExactly("fedora-40-aarch64", "fedora-40-x86_64");
      Envelope<Event> envelope = EventJson.readEnvelope(mine.get(0).value(), Event.class);
      assertThat(envelope.schemaVersion()).isEqualTo(1);
      assertThat(envelope.eventId()).isNotNull();
      assertThat(envelope.occurredAt()).isAfter(start);
      assertThat(((CoprEvent.ChrootsAdded) events.get(1)).chroots())
          .containsExactly("epel-9-aarch64", "epel-9-x86_64");
      assertThat(((CoprEvent.ChrootsRemoved) events.get(2)).chroots())
          .containsExactly("fedora-40-aarch64", "fedora-40-x86_64");
      CoprEvent.PackageDeleted deleted = (CoprEvent.PackageDeleted) events.get(3);
      assertThat(deleted.packageName()).isEqualTo(pkg);
      assertThat(deleted.buildIds()).containsExactlyElementsOf(buildIds);
      assertThat(mine.get(0).value())
          .contains(
              "\"type\":\"copr_created\"",
              "\"event_id\"",
              "\"occurred_at\"",
              "\"schema_version\":1");
    }

    try (TopicProbe requested = probe(Topics.BUILDS_REQUESTED)) {
      for (long id : buildIds) {
        BuildRequested r =
            requested.awaitEvent(BuildRequested.class, e -> e.build().buildId() == id, WAIT);
        assertThat(r.build().copr()).isEqualTo(copr);
        assertThat(r.build().owner()).isEqualTo(alice);
        assertThat(r.build().packageName()).isEqualTo(pkg);
        assertThat(r.build().srpm()).isEqualTo("srpms/" + sha256 + ".src.rpm");
        assertThat(r.build().srpmSha256()).isEqualTo(sha256);
        String chroot = r.build().chroot();
        assertThat(chroot).isIn("epel-9-aarch64", "epel-9-x86_64");
        List<String> expectedRepos =
            chroot.equals("epel-9-x86_64")
                ? List.of(repo(copr, chroot), repo(dep, chroot))
                : List.of(repo(copr, chroot));
        assertThat(r.build().repos()).isEqualTo(expectedRepos);
      }
      assertThat(requested.values().stream().filter(v -> v.contains("\"copr\":\"" + copr + "\"")))
          .hasSize(buildIds.size());
      assertThat(
              requested.awaitRecord(rec -> rec.key().equals(Long.toString(buildIds.get(0))), WAIT))
          .isNotEmpty();
    }

    try (TopicProbe control = probe(Topics.BUILDS_CONTROL)) {
      BuildControl.Cancel first =
          control.awaitEvent(BuildControl.Cancel.class, e -> e.buildId() == buildIds.get(0), WAIT);
      assertThat(first.reason()).isEqualTo("canceled by " + alice);
      // the package's other, unfinished build was canceled when the package was deleted
      BuildControl.Cancel second =
          control.awaitEvent(BuildControl.Cancel.class, e -> e.buildId() == buildIds.get(1), WAIT);
      assertThat(second.reason()).contains("package " + pkg + " deleted");
      assertThat(
              control.values().stream()
                  .filter(v -> v.contains("\"build_id\":" + buildIds.get(0) + ",")))
          .hasSize(1);
    }
  }

  @Test
  void removedChrootsAndDeletedCoprsCancelTheirUnfinishedBuilds() {
    String alice = newUser("alice");
    String copr = Api.newCopr(alice, List.of("fedora-40"), List.of("x86_64", "aarch64"));
    List<Long> builds =
        upload(alice, copr, Rpms.srpm(unique("cancelme"), "1.0"))
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getList("builds.id", Long.class);
    long aarch64 = builds.get(0);
    long x86 = builds.get(1);

    as(alice)
        .contentType(ContentType.JSON)
        .body(Map.of("arches", List.of("x86_64")))
        .put("/coprs/{c}", copr)
        .then()
        .statusCode(200);
    Api.anonymous()
        .get("/builds/{id}", aarch64)
        .then()
        .body("cancel_requested_at", org.hamcrest.Matchers.notNullValue())
        .body("chroot", org.hamcrest.Matchers.equalTo("fedora-40-aarch64"));
    Api.anonymous()
        .get("/builds/{id}", x86)
        .then()
        .body("cancel_requested_at", org.hamcrest.Matchers.nullValue());
    as(alice).delete("/coprs/{c}", copr).then().statusCode(204);

    try (TopicProbe control = probe(Topics.BUILDS_CONTROL)) {
      assertThat(
              control
                  .awaitEvent(BuildControl.Cancel.class, e -> e.buildId() == aarch64, WAIT)
                  .reason())
          .isEqualTo("chroot removed from copr " + copr);
      assertThat(
              control.awaitEvent(BuildControl.Cancel.class, e -> e.buildId() == x86, WAIT).reason())
          .isEqualTo("copr " + copr + " deleted");
    }
    try (TopicProbe coprs = probe(Topics.COPRS)) {
      assertThat(
              coprs
                  .awaitEvent(CoprEvent.ChrootsRemoved.class, e -> e.copr().equals(copr), WAIT)
                  .chroots())
          .containsExactly("fedora-40-aarch64");
      coprs.awaitEvent(CoprEvent.Deleted.class, e -> e.copr().equals(copr), WAIT);
    }
  }

  private static String repo(String copr, String chroot) {
    return "http://127.0.0.1:8083/repos/" + copr + "/" + chroot + "/";
  }
}
