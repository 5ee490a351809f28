package org.copr.api.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.anonymous;
import static org.copr.api.Api.as;
import static org.copr.api.Api.awaitBuild;
import static org.copr.api.Api.error;
import static org.copr.api.Api.newCopr;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.unique;
import static org.copr.api.Api.upload;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.copr.api.DbState;
import org.copr.api.Rpms;
import org.copr.api.storage.Storage;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.CoprEvent;
import org.copr.contracts.Event;
import org.copr.contracts.Topics;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * Build progress arrives as events on the real broker. The status topic has one partition, so the
 * consumer sees events in the order sent: once a later event shows, the earlier ones were handled.
 */
@QuarkusTest
class BuildApiTest {
  @Inject DbState db;
  @Inject Storage storage;

  private static void status(BuildStatus... events) {
    for (BuildStatus e : events) {
      TopicProbe.send(
          KafkaBroker.shared().bootstrapServers(),
          Topics.BUILDS_STATUS,
          Long.toString(e.buildId()),
          (Event) e);
    }
  }

  /** A build of a fresh one-chroot copr owned by a fresh user. */
  private record Fixture(String owner, String copr, String pkg, long build) {}

  private static final String CHROOT = "fedora-40-x86_64";

  private static Fixture build() {
    String owner = newUser("alice");
    String copr = newCopr(owner, List.of("fedora-40"), List.of("x86_64"));
    String pkg = unique("pkg");
    long id =
        upload(owner, copr, Rpms.srpm(pkg, "1.0"))
            .then()
            .statusCode(202)
            .extract()
            .jsonPath()
            .getLong("builds[0].id");
    return new Fixture(owner, copr, pkg, id);
  }

  private static String log(long build, int attempt) {
    return "logs/" + build + "/build-" + attempt + ".log";
  }

  @Test
  void statusEventsMoveABuildForwardOnly() {
    Fixture f = build();
    long b = f.build();
    long marker = build().build();

    status(
        new BuildStatus.Dispatched(b, 1, "x86_64"),
        new BuildStatus.Started(b, 1, "worker-1", log(b, 1)),
        new BuildStatus.Dispatched(b, 1, "x86_64"),
        new BuildStatus.Started(b, 1, "worker-1", log(b, 1)),
        finished(f, 1, "worker-1", true));
    Map<String, Object> publishing = awaitBuild(b, m -> "publishing".equals(m.get("state")));
    assertThat(publishing).containsEntry("attempt", 1).containsEntry("worker_id", "worker-1");
    assertThat(publishing.get("started_at")).isNotNull();
    assertThat(publishing.get("ended_at")).isNull();

    // the scheduler requeues: attempt 2 starts over; attempt 1's late news is stale
    status(
        new BuildStatus.Dispatched(b, 2, "x86_64"),
        new BuildStatus.Started(b, 1, "worker-1", log(b, 1)),
        finished(f, 1, "worker-1", false));
    Map<String, Object> requeued = awaitBuild(b, m -> Integer.valueOf(2).equals(m.get("attempt")));
    assertThat(requeued).containsEntry("state", "starting").containsEntry("worker_id", null);

    status(
        new BuildStatus.Started(b, 2, "worker-2", log(b, 2)),
        finished(f, 2, "worker-2", true),
        new BuildStatus.Published(b, 2, f.copr(), CHROOT, "repos/" + f.copr() + "/" + CHROOT),
        new BuildStatus.Failed(b, 2, "too late"),
        new BuildStatus.Canceled(b, 0, "too late as well"),
        new BuildStatus.Dispatched(b, 3, "x86_64"),
        new BuildStatus.Dispatched(marker, 1, "x86_64"));
    awaitBuild(marker, m -> "starting".equals(m.get("state")));

    anonymous()
        .get("/builds/{id}", b)
        .then()
        .body("state", equalTo("succeeded"))
        .body("attempt", equalTo(2))
        .body("worker_id", equalTo("worker-2"))
        .body("reason", equalTo(null))
        .body("ended_at", notNullValue());
  }

  @Test
  void theBuildrootAWorkerRecordedIsShownAndALaterAttemptReplacesIt() {
    Fixture f = build();
    long b = f.build();
    String libs = "http://repos.example/libs/" + CHROOT + "/";
    BuildStatus.Finished first =
        finished(f, 1, "w", true)
            .withBuildroot(
                List.of(
                    new BuildStatus.BuildrootPackage("libhello", null, "1.0", "1", "x86_64", libs),
                    new BuildStatus.BuildrootPackage("old-dep", 2, "0.9", "3", "noarch", null)));
    status(
        new BuildStatus.Dispatched(b, 1, "x86_64"),
        new BuildStatus.Started(b, 1, "w", log(b, 1)),
        first);
    awaitBuild(b, m -> "publishing".equals(m.get("state")));

    anonymous()
        .get("/builds/{id}/buildroot", b)
        .then()
        .statusCode(200)
        .body("build_id", equalTo((int) b))
        .body(
            "packages.nevra",
            org.hamcrest.Matchers.contains("libhello-1.0-1.x86_64", "old-dep-2:0.9-3.noarch"))
        .body("packages.repo", org.hamcrest.Matchers.contains(libs, null));
    // The build page shows the same list, with the repository each package came from.
    assertThat(anonymous().accept("text/html").get("/build/{id}", b).then().extract().asString())
        .contains("<table id=\"buildroot\">")
        .contains("<td>libhello-1.0-1.x86_64</td><td>" + libs + "</td>")
        .contains("<td>old-dep-2:0.9-3.noarch</td><td>not recorded</td>");

    long other = build().build();
    status(
        new BuildStatus.Dispatched(b, 2, "x86_64"),
        new BuildStatus.Started(b, 2, "w", log(b, 2)),
        finished(f, 2, "w", true)
            .withBuildroot(
                List.of(
                    new BuildStatus.BuildrootPackage(
                        "libhello", null, "1.1", "1", "x86_64", libs))),
        new BuildStatus.Dispatched(other, 1, "x86_64"));
    awaitBuild(other, m -> "starting".equals(m.get("state")));

    anonymous()
        .get("/builds/{id}/buildroot", b)
        .then()
        .body("packages.nevra", org.hamcrest.Matchers.contains("libhello-1.1-1.x86_64"));
    anonymous()
        .get("/builds/{id}/buildroot", other)
        .then()
        .body("packages", org.hamcrest.Matchers.hasSize(0));
    assertThat(
            anonymous().accept("text/html").get("/build/{id}", other).then().extract().asString())
        .doesNotContain("id=\"buildroot\"");
    anonymous().get("/builds/{id}/buildroot", 999_999_999L).then().statusCode(404);
  }

  @Test
  void failuresEndABuildWithAReason() {
    Fixture builtFixture = build();
    Fixture publishFixture = build();
    long built = builtFixture.build();
    long publish = publishFixture.build();
    long gaveUp = build().build();
    Fixture unresolved = build();
    long refused = unresolved.build();

    status(
        new BuildStatus.Dispatched(built, 1, "x86_64"),
        new BuildStatus.Started(built, 1, "w", log(built, 1)),
        finished(builtFixture, 1, "w", false),
        new BuildStatus.Started(publish, 1, "w", log(publish, 1)),
        finished(publishFixture, 1, "w", true),
        new BuildStatus.PublishFailed(publish, 1, "createrepo_c failed"),
        new BuildStatus.Failed(gaveUp, 3, "3 attempts lost"),
        new BuildStatus.Started(refused, 1, "w", log(refused, 1)),
        new BuildStatus.Finished(
            refused,
            1,
            "w",
            unresolved.copr(),
            CHROOT,
            unresolved.pkg(),
            false,
            -1,
            "results/" + refused + "/1",
            log(refused, 1),
            List.of(),
            "copr-build-worker: nothing provides hello-dep",
            0,
            "nothing provides hello-dep",
            null));

    assertThat(awaitBuild(built, m -> "failed".equals(m.get("state"))).get("reason").toString())
        .contains("exit code 1");
    assertThat(awaitBuild(publish, m -> "failed".equals(m.get("state"))).get("reason").toString())
        .contains("createrepo_c failed");
    assertThat(awaitBuild(gaveUp, m -> "failed".equals(m.get("state"))))
        .containsEntry("reason", "3 attempts lost")
        .containsEntry("attempt", 3);
    assertThat(awaitBuild(refused, m -> "failed".equals(m.get("state"))))
        .containsEntry("reason", "nothing provides hello-dep");
  }

  @Test
  void cancelIsRequestedThenConfirmedByTheScheduler() {
    Fixture f = build();
    String builder = newUser("bob");
    String stranger = newUser("mallory");
    as(f.owner())
        .contentType(ContentType.JSON)
        .body(Map.of("username", builder, "permission", "builder"))
        .post("/coprs/{c}/grant", f.copr())
        .then()
        .statusCode(200);

    db.refuses(401, "unauthorized", () -> anonymous().post("/builds/{id}/cancel", f.build()));
    db.refuses(403, "forbidden", () -> as(stranger).post("/builds/{id}/cancel", f.build()));
    db.refuses(404, "not_found", () -> as(builder).post("/builds/{id}/cancel", 987654321L));

    as(builder)
        .post("/builds/{id}/cancel", f.build())
        .then()
        .statusCode(202)
        .body("state", equalTo("pending"))
        .body("cancel_requested_at", notNullValue());
    // asking again is harmless and sends nothing new
    db.unchangedBy(
        () -> as(f.owner()).post("/builds/{id}/cancel", f.build()).then().statusCode(202));

    status(new BuildStatus.Canceled(f.build(), 0, "canceled by " + builder));
    Map<String, Object> canceled = awaitBuild(f.build(), m -> "canceled".equals(m.get("state")));
    assertThat(canceled).containsEntry("reason", "canceled by " + builder);
    assertThat(canceled.get("ended_at")).isNotNull();

    db.refuses(409, "conflict", () -> as(f.owner()).post("/builds/{id}/cancel", f.build()));
  }

  @Test
  void theLogIsServedFromAnOffsetWithTheBuildState() throws Exception {
    long b = build().build();
    anonymous()
        .get("/builds/{id}/log", b)
        .then()
        .statusCode(200)
        .header("X-Copr-Build-State", "pending")
        .body(equalTo(""));

    status(
        new BuildStatus.Dispatched(b, 1, "x86_64"),
        new BuildStatus.Started(b, 1, "w", "logs/" + b + "/build-1.log"));
    awaitBuild(b, m -> "running".equals(m.get("state")));
    Path log = storage.layout().log(b, 1);
    Files.createDirectories(log.getParent());
    Files.writeString(log, "Executing(%build)\n+ exit 0\n");

    anonymous()
        .get("/builds/{id}/log", b)
        .then()
        .statusCode(200)
        .contentType(ContentType.TEXT)
        .header("X-Copr-Build-State", "running")
        .header("X-Copr-Log-Offset", "27")
        .body(equalTo("Executing(%build)\n+ exit 0\n"));
    anonymous()
        .queryParam("offset", 18)
        .get("/builds/{id}/log", b)
        .then()
        .body(equalTo("+ exit 0\n"));
    anonymous().queryParam("offset", 27).get("/builds/{id}/log", b).then().body(equalTo(""));
    error(anonymous().queryParam("offset", -1).get("/builds/{id}/log", b), 400, "bad_request");
    error(anonymous().get("/builds/{id}/log", 987654321L), 404, "not_found");
  }

  @Test
  void aLongLogIsServedInBoundedChunksThatConcatenateToTheWhole() throws Exception {
    long b = build().build();
    status(
        new BuildStatus.Dispatched(b, 1, "x86_64"),
        new BuildStatus.Started(b, 1, "w", "logs/" + b + "/build-1.log"));
    awaitBuild(b, m -> "running".equals(m.get("state")));
    Path log = storage.layout().log(b, 1);
    Files.createDirectories(log.getParent());
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 2_500_000; i++) {
      text.append("line ").append(i).append(" of a long build log\n");
    }
    Files.writeString(log, text);
    long size = Files.size(log);

    java.io.ByteArrayOutputStream read = new java.io.ByteArrayOutputStream();
    List<Integer> chunks = new java.util.ArrayList<>();
    long offset = 0;
    while (true) {
      io.restassured.response.Response r =
          anonymous().queryParam("offset", offset).get("/builds/{id}/log", b);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.header("X-Copr-Log-Size")).isEqualTo(Long.toString(size));
      byte[] piece = r.asByteArray();
      if (piece.length == 0) {
        assertThat(r.header("X-Copr-Log-Offset")).isEqualTo(Long.toString(size));
        break;
      }
      chunks.add(piece.length);
      read.write(piece);
      offset = Long.parseLong(r.header("X-Copr-Log-Offset"));
      assertThat(offset).isEqualTo(read.size());
    }

    assertThat(chunks).containsExactly(1 << 20, 1 << 20, (int) size - (2 << 20));
    assertThat(read.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(text.toString());
  }

  @Test
  void aMalformedStatusMessageGoesToTheDeadLetterTopic() {
    long b = build().build();
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    String junk = "{\"type\": \"no_such_event\", \"build_id\": " + b + "}";
    TopicProbe.send(bootstrap, Topics.BUILDS_STATUS, Long.toString(b), junk);
    status(new BuildStatus.Dispatched(b, 1, "x86_64"));

    awaitBuild(b, m -> "starting".equals(m.get("state")));
    try (TopicProbe dlq = new TopicProbe(bootstrap, Topics.deadLetter(Topics.BUILDS_STATUS))) {
      assertThat(dlq.awaitDeadLetter(junk::equals, Duration.ofSeconds(60)))
          .contains("no_such_event");
    }
  }

  @Test
  void aSucceededBuildIsPublishedAsItsRecordSaysAndAForgedFinishedNowhere() {
    Fixture honest = build();
    Fixture victim = build();
    String bootstrap = KafkaBroker.shared().bootstrapServers();
    // The honest build's id (and so its results), another account's copr and package.
    BuildStatus.Finished forged =
        finished(honest.build(), victim.copr(), victim.pkg(), 1, "w", true);
    BuildStatus.Finished neverGiven =
        finished(honest.build() + 1_000_000, victim.copr(), victim.pkg(), 1, "w", true);
    try (TopicProbe coprs = new TopicProbe(bootstrap, Topics.COPRS);
        TopicProbe dlq = new TopicProbe(bootstrap, Topics.deadLetter(Topics.BUILDS_STATUS))) {
      status(
          new BuildStatus.Dispatched(honest.build(), 1, "x86_64"),
          forged,
          neverGiven,
          finished(honest, 1, "w", true));

      CoprEvent.PublishRequested publish =
          coprs.awaitEvent(
              CoprEvent.PublishRequested.class,
              p -> p.buildId() == honest.build(),
              Duration.ofSeconds(60));
      assertThat(publish.copr()).isEqualTo(honest.copr());
      assertThat(publish.chroot()).isEqualTo(CHROOT);
      assertThat(publish.packageName()).isEqualTo(honest.pkg());
      assertThat(publish.attempt()).isEqualTo(1);
      for (BuildStatus.Finished refused : List.of(forged, neverGiven)) {
        dlq.awaitEvent(BuildStatus.Finished.class, refused::equals, Duration.ofSeconds(60));
      }
      // The honest finished came after both on the same partition: they were handled before it.
      assertThat(coprs.values())
          .filteredOn(v -> v.contains("\"type\":\"publish_requested\""))
          .noneMatch(v -> v.contains("\"copr\":\"" + victim.copr() + "\""));
    }
    assertThat(awaitBuild(victim.build(), m -> true)).containsEntry("state", "pending");
  }

  /**
   * api-service acts only on the scheduler's verdicts: a build worker's own credentials cannot
   * write the status topic, and what it writes on its reports topic (the scheduler's to judge) is
   * nothing api-service reads. The same finished, forwarded by the scheduler, moves the build.
   */
  @Test
  void aBuildWorkersOwnCredentialsCannotReachWhatApiServiceActsOn() throws Exception {
    Fixture f = build();
    long b = f.build();
    status(
        new BuildStatus.Dispatched(b, 1, "x86_64"),
        new BuildStatus.Started(b, 1, "api-judge-worker", log(b, 1), "incarnation-1"));
    awaitBuild(b, m -> "running".equals(m.get("state")));

    KafkaBroker broker = KafkaBroker.shared();
    Map<String, Object> worker =
        new java.util.HashMap<>(broker.client(broker.worker("api-judge-worker")));
    worker.put(
        "key.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
    worker.put(
        "value.serializer", org.apache.kafka.common.serialization.StringSerializer.class.getName());
    worker.put("enable.idempotence", false);
    worker.put("max.block.ms", 10_000);
    BuildStatus.Finished claim = finished(f, 1, "api-judge-worker", true);
    try (var producer =
        new org.apache.kafka.clients.producer.KafkaProducer<String, String>(worker)) {
      var refused =
          producer.send(
              new org.apache.kafka.clients.producer.ProducerRecord<>(
                  Topics.BUILDS_STATUS,
                  Long.toString(b),
                  org.copr.contracts.EventJson.write(claim)));
      org.assertj.core.api.Assertions.assertThatThrownBy(refused::get)
          .hasCauseInstanceOf(org.apache.kafka.common.errors.AuthorizationException.class);
      producer
          .send(
              new org.apache.kafka.clients.producer.ProducerRecord<>(
                  Topics.workerReports("api-judge-worker"),
                  Long.toString(b),
                  org.copr.contracts.EventJson.write(claim)))
          .get();
    }
    long marker = build().build();
    status(new BuildStatus.Dispatched(marker, 1, "x86_64"));
    awaitBuild(marker, m -> "starting".equals(m.get("state")));
    assertThat(awaitBuild(b, m -> true)).containsEntry("state", "running");

    status(claim); // as the scheduler forwards it once it judged it
    awaitBuild(b, m -> "publishing".equals(m.get("state")));
  }

  private static BuildStatus.Finished finished(
      Fixture f, int attempt, String worker, boolean success) {
    return finished(f.build(), f.copr(), f.pkg(), attempt, worker, success);
  }

  private static BuildStatus.Finished finished(
      long build, String copr, String pkg, int attempt, String worker, boolean success) {
    return new BuildStatus.Finished(
        build,
        attempt,
        worker,
        copr,
        CHROOT,
        pkg,
        success,
        success ? 0 : 1,
        "results/" + build + "/" + attempt,
        log(build, attempt),
        List.of(),
        success ? "" : "error: exit 1",
        100,
        null,
        null);
  }
}
