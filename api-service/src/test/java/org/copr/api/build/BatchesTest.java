package org.copr.api.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.as;
import static org.copr.api.Api.newCopr;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.unique;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.copr.api.Api;
import org.copr.api.DbState;
import org.copr.api.Rpms;
import org.copr.contracts.BuildReleased;
import org.copr.contracts.BuildRequested;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Topics;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * Batches through our API: {@code after_build_id} and {@code with_build_id} on the upload, builds
 * ended as the scheduler, workers and repo-worker report them ({@link BuildProgress}, the
 * consumer's own entry), and what api-service tells the scheduler on {@value
 * Topics#BUILDS_REQUESTED}.
 */
@QuarkusTest
class BatchesTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<String> TWO_ARCHES = List.of("x86_64", "aarch64");

  @Inject BuildProgress progress;
  @Inject DbState db;

  /** The upload's builds (ids, by chroot). */
  private static List<Long> upload(String user, String copr, String param, Long id) {
    var request = as(user).multiPart("srpm", Rpms.srpm(unique("pkg"), "1.0").toFile());
    if (param != null) {
      request = request.queryParam(param, id);
    }
    return request
        .post("/coprs/{copr}/packages", copr)
        .then()
        .statusCode(202)
        .extract()
        .jsonPath()
        .getList("builds.id", Long.class);
  }

  private static Response uploadAnswer(String user, String copr, Map<String, ?> params) {
    return as(user)
        .multiPart("srpm", Rpms.srpm(unique("pkg"), "1.0").toFile())
        .queryParams(params)
        .post("/coprs/{copr}/packages", copr);
  }

  private static JsonPath build(long id) {
    return as("admin").get("/builds/{id}", id).then().statusCode(200).extract().jsonPath();
  }

  private static String state(long id) {
    return build(id).getString("state");
  }

  private static Long batchOf(long id) {
    return build(id).getObject("batch_id", Long.class);
  }

  private void failed(long id) {
    apply(new BuildStatus.Failed(id, 1, "no build workers for arch x"));
  }

  private void canceled(long id) {
    apply(new BuildStatus.Canceled(id, 0, "canceled by its owner"));
  }

  private void published(long id) {
    JsonPath b = build(id);
    apply(
        new BuildStatus.Published(
            id,
            1,
            b.getString("copr"),
            b.getString("chroot"),
            "repos/" + b.getString("copr") + "/" + b.getString("chroot")));
  }

  private void apply(BuildStatus event) {
    assertThat(progress.apply(event, Instant.now())).isEqualTo(BuildProgress.Outcome.APPLIED);
  }

  private static TopicProbe requested() {
    return new TopicProbe(KafkaBroker.shared().bootstrapServers(), Topics.BUILDS_REQUESTED);
  }

  @Test
  void aBuildAfterAnotherWaitsUntilEveryBuildOfThatBatchEndedFailedOrNot() {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), TWO_ARCHES);
    List<Long> first = upload(alice, copr, null, null);
    List<Long> then = upload(alice, copr, "after_build_id", first.get(0));

    Long firstBatch = batchOf(first.get(0));
    assertThat(firstBatch).isNotNull();
    assertThat(batchOf(first.get(1))).isEqualTo(firstBatch);
    for (long id : then) {
      JsonPath b = build(id);
      assertThat(b.getString("state")).isEqualTo("waiting");
      assertThat(b.getLong("blocked_by_batch")).isEqualTo(firstBatch);
      assertThat(b.getLong("batch_id")).isNotEqualTo(firstBatch);
    }
    try (TopicProbe requested = requested()) {
      for (long id : then) {
        BuildRequested r = requested.awaitEvent(BuildRequested.class, e -> e.buildId() == id, WAIT);
        assertThat(r.blockedByBatch()).isEqualTo(firstBatch);
      }

      failed(first.get(0));
      assertThat(then).allSatisfy(id -> assertThat(state(id)).isEqualTo("waiting"));

      failed(first.get(1));
      assertThat(then).allSatisfy(id -> assertThat(state(id)).isEqualTo("pending"));
      for (long id : then) {
        BuildReleased r = requested.awaitEvent(BuildReleased.class, e -> e.buildId() == id, WAIT);
        assertThat(r.batchId()).isEqualTo(firstBatch);
      }
    }
  }

  @Test
  void aBatchSpansTheCoprsTheCallerMayBuildInAndNoOthers() {
    String alice = newUser("alice");
    String bob = newUser("bob");
    String library = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    String apps = newCopr(alice, List.of("epel-9"), List.of("x86_64"));
    String bobs = newCopr(bob, List.of("fedora-40"), List.of("x86_64"));
    long lib = upload(alice, library, null, null).get(0);
    long app = upload(alice, apps, "after_build_id", lib).get(0);
    assertThat(state(app)).isEqualTo("waiting");

    // bob may build in neither of alice's coprs: he may not wait for or join her builds
    db.refuses(403, "forbidden", () -> uploadAnswer(bob, bobs, Map.of("after_build_id", lib)));
    db.refuses(403, "forbidden", () -> uploadAnswer(bob, bobs, Map.of("with_build_id", app)));
    Api.error(uploadAnswer(bob, bobs, Map.of("after_build_id", lib)), 403, "forbidden")
        .body(
            "detail",
            org.hamcrest.Matchers.equalTo(
                "user "
                    + bob
                    + " may not build in copr "
                    + library
                    + ", so build "
                    + lib
                    + " of that copr cannot be part of a batch of theirs"));

    published(lib);
    assertThat(state(app)).isEqualTo("pending");
    assertThat(state(lib)).isEqualTo("succeeded");
  }

  @Test
  void aBuildAfterACanceledBuildRuns() {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    long first = upload(alice, copr, null, null).get(0);
    long waiting = upload(alice, copr, "after_build_id", first).get(0);
    as(alice).post("/builds/{id}/cancel", first).then().statusCode(202);
    assertThat(state(waiting)).isEqualTo("waiting");
    canceled(first);
    assertThat(state(waiting)).isEqualTo("pending");

    // after a batch that has ended, and after an ended build that never had one: no wait
    long afterEnded = upload(alice, copr, "after_build_id", first).get(0);
    assertThat(state(afterEnded)).isEqualTo("pending");
    assertThat(build(afterEnded).getLong("blocked_by_batch")).isEqualTo(batchOf(first));
    long lone = upload(alice, copr, null, null).get(0);
    canceled(lone);
    long afterLone = upload(alice, copr, "after_build_id", lone).get(0);
    assertThat(state(afterLone)).isEqualTo("pending");
    assertThat(batchOf(afterLone)).isNull();
  }

  @Test
  void withBuildIdJoinsThatBuildsBatchWhileItHasNotEnded() {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    long first = upload(alice, copr, null, null).get(0);
    long second = upload(alice, copr, "after_build_id", first).get(0);
    long joined = upload(alice, copr, "with_build_id", second).get(0);
    assertThat(state(joined)).isEqualTo("waiting");
    assertThat(batchOf(joined)).isEqualTo(batchOf(second));
    assertThat(build(joined).getLong("blocked_by_batch")).isEqualTo(batchOf(first));

    failed(first);
    assertThat(state(second)).isEqualTo("pending");
    assertThat(state(joined)).isEqualTo("pending");

    // the batch of second has not ended: a newcomer joins it and has nothing to wait for
    long late = upload(alice, copr, "with_build_id", joined).get(0);
    assertThat(state(late)).isEqualTo("pending");
    assertThat(batchOf(late)).isEqualTo(batchOf(second));

    // first's batch ended: nothing more may join it (Fedora refuses it too)
    db.refuses(409, "conflict", () -> uploadAnswer(alice, copr, Map.of("with_build_id", first)));
    // nor the batch of an ended build that never had one
    long lone = upload(alice, copr, null, null).get(0);
    failed(lone);
    db.refuses(409, "conflict", () -> uploadAnswer(alice, copr, Map.of("with_build_id", lone)));
  }

  @Test
  void badBatchRequestsAreRefusedBeforeAnythingIsWritten() {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    long first = upload(alice, copr, null, null).get(0);
    db.refuses(
        400,
        "bad_request",
        () -> uploadAnswer(alice, copr, Map.of("after_build_id", first, "with_build_id", first)));
    db.refuses(
        400, "bad_request", () -> uploadAnswer(alice, copr, Map.of("after_build_id", "one")));
    db.refuses(
        400,
        "bad_request",
        () -> uploadAnswer(alice, copr, Map.of("after_build_id", Long.MAX_VALUE / 1000)));
    db.refuses(400, "bad_request", () -> uploadAnswer(alice, copr, Map.of("with_build_id", -1)));
    assertThat(state(first)).isEqualTo("pending");
  }

  @Test
  void deletingTheCoprOfTheBuildsABatchWaitsForReleasesIt() {
    String alice = newUser("alice");
    String gone = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    String stays = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    long first = upload(alice, gone, null, null).get(0);
    long waiting = upload(alice, stays, "after_build_id", first).get(0);
    assertThat(state(waiting)).isEqualTo("waiting");
    as(alice).delete("/coprs/{name}", gone).then().statusCode(204);
    assertThat(state(waiting)).isEqualTo("pending");
    try (TopicProbe requested = requested()) {
      requested.awaitEvent(BuildReleased.class, e -> e.buildId() == waiting, WAIT);
    }
    as(alice)
        .get("/coprs/{copr}/builds?state=waiting", stays)
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("total", org.hamcrest.Matchers.equalTo(0));
  }
}
