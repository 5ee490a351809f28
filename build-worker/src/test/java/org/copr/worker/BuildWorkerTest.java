package org.copr.worker;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.copr.contracts.BuildControl;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.BuildSpec;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.EventJson;
import org.copr.contracts.StorageLayout;
import org.copr.contracts.Topics;
import org.copr.contracts.WorkerHeartbeat;
import org.copr.testing.ErrorBodies;
import org.copr.testing.HostileRpms;
import org.copr.testing.TestRpms;
import org.copr.testing.TopicProbe;
import org.copr.worker.config.ThisWorker;
import org.copr.worker.messaging.ControlConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker against a real broker, building real SRPMs with rpmbuild. */
@QuarkusTest
class BuildWorkerTest {
  private static final String CHROOT = "fedora-40-x86_64";
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Inject ThisWorker worker;
  @Inject ControlConsumer control;

  @ConfigProperty(name = "mp.messaging.incoming.dispatch.topic")
  String dispatchTopic;

  TopicProbe status;

  @BeforeEach
  void listen() {
    status = new TopicProbe(Dispatches.bootstrap(), Dispatches.reports());
    await().atMost(WAIT).until(control::listening);
  }

  @AfterEach
  void close() {
    status.close();
  }

  StorageLayout storage() {
    return worker.storage();
  }

  /**
   * What a taken-over build host would try before the honest worker gets the next attempt: a
   * regular RPM placed in that attempt's results folder, or the build's folder made a link to a
   * folder of its own. The worker starts every attempt in an empty folder it made itself.
   */
  @Test
  void aPackagePlacedInTheResultsBeforehandNeverRidesAlong() throws Exception {
    Path planted = Files.createTempDirectory("copr-planted-");
    TestRpms.rebuild(
        TestRpms.srpm(planted, "evil-pkg", "6.6", TestRpms.Options.defaults()),
        planted.resolve("rpms"));
    Path evil;
    try (var files = Files.walk(planted.resolve("rpms"))) {
      evil = files.filter(f -> f.toString().endsWith(".noarch.rpm")).findFirst().orElseThrow();
    }
    long id = Dispatches.nextId();
    Path results = storage().results(id, 1);
    Files.createDirectories(results);
    Files.copy(evil, results.resolve("evil-pkg-6.6-1.noarch.rpm"));
    long linked = Dispatches.nextId();
    Path elsewhere = Files.createDirectories(planted.resolve("elsewhere/1"));
    Files.copy(evil, elsewhere.resolve("evil-pkg-6.6-1.noarch.rpm"));
    Files.createSymbolicLink(storage().results(linked, 1).getParent(), elsewhere.getParent());

    for (long build : List.of(id, linked)) {
      String name = "honest-" + build;
      Dispatches.dispatch(
          worker, build, CHROOT, name, TestRpms.spec(name, "1.0", TestRpms.Options.defaults()), 0);
      var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == build, WAIT);
      assertThat(finished.success()).as(finished.logTail()).isTrue();
      assertThat(finished.artifacts())
          .extracting(BuildStatus.Artifact::file)
          .containsExactlyInAnyOrder(name + "-1.0-1.noarch.rpm", name + "-1.0-1.src.rpm");
      Path folder = storage().results(build, 1);
      assertThat(Files.isSymbolicLink(folder.getParent())).isFalse();
      try (var files = Files.list(folder)) {
        assertThat(files.map(f -> f.getFileName().toString()))
            .containsExactlyInAnyOrder(name + "-1.0-1.noarch.rpm", name + "-1.0-1.src.rpm");
      }
    }
    // The link was removed, not followed: the folder it pointed to is as it was.
    assertThat(elsewhere.resolve("evil-pkg-6.6-1.noarch.rpm")).isRegularFile();
  }

  @Test
  void aDispatchedSrpmIsBuiltIntoResultsWithItsNevraAndLog() throws Exception {
    long id = Dispatches.nextId();
    String name = "hello-" + id;
    BuildSpec spec =
        Dispatches.dispatch(
            worker,
            id,
            CHROOT,
            name,
            TestRpms.spec(name, "2.5", TestRpms.Options.defaults().release("3")),
            0);

    var started = status.awaitEvent(BuildStatus.Started.class, e -> e.buildId() == id, WAIT);
    var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);

    assertThat(started.attempt()).isEqualTo(1);
    assertThat(started.workerId()).isEqualTo(worker.id());
    assertThat(started.log()).isEqualTo("logs/" + id + "/build-1.log");
    assertThat(finished.success()).as(finished.logTail()).isTrue();
    assertThat(finished.exitCode()).isZero();
    assertThat(finished.results()).isEqualTo("results/" + id + "/1");
    assertThat(finished.copr()).isEqualTo(spec.copr());
    assertThat(finished.chroot()).isEqualTo(CHROOT);
    assertThat(finished.packageName()).isEqualTo(name);
    Path results = storage().results(id, 1);
    String rpm = name + "-2.5-3.noarch.rpm";
    String src = name + "-2.5-3.src.rpm";
    assertThat(finished.artifacts())
        .containsExactlyInAnyOrder(
            new BuildStatus.Artifact(
                rpm, name, null, "2.5", "3", "noarch", sha256sum(results, rpm)),
            new BuildStatus.Artifact(src, name, null, "2.5", "3", "src", sha256sum(results, src)));
    for (var artifact : finished.artifacts()) {
      assertThat(results.resolve(artifact.file())).isRegularFile();
    }
    // The event's NEVRA agrees with what rpm itself reads from the file.
    String query =
        org.copr.testing.Processes.check(
            results,
            java.util.Map.of(),
            List.of(
                "rpm",
                "--dbpath",
                results.resolve("../rpmdb-probe").normalize().toString(),
                "-qp",
                "--qf",
                "%{NAME}-%{VERSION}-%{RELEASE}.%{ARCH}",
                name + "-2.5-3.noarch.rpm"));
    assertThat(query.trim()).isEqualTo(name + "-2.5-3.noarch");
    assertThat(Files.readString(storage().log(id, 1)))
        .contains("Executing(%build)")
        .contains("built in");
    assertThat(finished.builderMillis()).isPositive();
    assertThat(workFolders()).isEmpty();
  }

  @Test
  void hostileRpmsLeftInTheResultsFailTheBuildNotTheWorker() throws Exception {
    Map<String, String> leftBehind = new LinkedHashMap<>();
    for (String what :
        List.of(
            "signature with 2^31 index entries",
            "signature with a 2 GB store",
            "signature entry with 2^31 strings",
            "main header with 2^31 index entries",
            "main header past the end of the file")) {
      leftBehind.put(
          what, HostileRpms.writeCommand(HostileRpms.all().get(what), "%{_rpmdir}/hostile.rpm"));
    }
    leftBehind.put("a link", "ln -s /etc/passwd %{_rpmdir}/link.rpm");
    Map<Long, String> builds = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : leftBehind.entrySet()) {
      long id = Dispatches.nextId();
      String name = "hostile-" + id;
      String spec =
          TestRpms.spec(name, "1.0", TestRpms.Options.defaults())
              .replace("%install\n", "%install\n" + e.getValue() + "\n");
      Dispatches.dispatch(worker, id, CHROOT, name, spec, 0);
      builds.put(id, e.getKey());
    }

    for (Map.Entry<Long, String> b : builds.entrySet()) {
      var finished =
          status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == b.getKey(), WAIT);
      assertThat(finished.success()).as(b.getValue()).isFalse();
      assertThat(finished.artifacts()).as(b.getValue()).isEmpty();
      assertThat(finished.logTail())
          .as(b.getValue())
          .containsAnyOf(
              "cannot read the RPM header of hostile.rpm", "link.rpm, which is not a regular file");
    }
    long after = Dispatches.nextId();
    Dispatches.dispatch(
        worker,
        after,
        CHROOT,
        "after-" + after,
        TestRpms.spec("after-" + after, "1", TestRpms.Options.defaults()),
        0);
    assertThat(
            status
                .awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == after, WAIT)
                .success())
        .isTrue();
  }

  @Test
  void aPackageWhoseBuildFailsEndsFinishedWithoutSuccessAndKeepsItsLog() throws Exception {
    long id = Dispatches.nextId();
    String name = "broken-" + id;
    Dispatches.dispatch(
        worker,
        id,
        CHROOT,
        name,
        TestRpms.spec(name, "1.0", TestRpms.Options.defaults().failing()),
        0);

    var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);

    assertThat(finished.success()).isFalse();
    assertThat(finished.exitCode()).isEqualTo(1);
    assertThat(finished.artifacts()).isEmpty();
    assertThat(finished.logTail()).contains("this package is meant to fail to build");
    assertThat(finished.logTail().lines().count()).isLessThanOrEqualTo(30);
    assertThat(Files.readString(storage().resolve(finished.log())))
        .contains("this package is meant to fail to build")
        .contains("sandbox exited with 1");
    assertThat(finished.reason())
        .startsWith("%build failed: error: Bad exit status from /build/tmp/rpm-tmp.")
        .endsWith(" (%build); last error before it: this package is meant to fail to build");
    assertThat(workFolders()).isEmpty();
  }

  @Test
  void aRunningBuildStreamsItsLogShowsInHeartbeatsAndIsKilledByCancel() throws Exception {
    long id = Dispatches.nextId();
    String marker = Dispatches.dispatchSleeping(worker, id, CHROOT, "sleepy-" + id, 0);
    Dispatches.awaitProcess(marker);

    await()
        .atMost(WAIT)
        .until(() -> Files.readString(storage().log(id, 1)).contains("about to sleep"));
    try (var heartbeats = new TopicProbe(Dispatches.bootstrap(), Dispatches.reports())) {
      var beat =
          heartbeats.awaitEvent(
              WorkerHeartbeat.class,
              h ->
                  h.workerId().equals(worker.id())
                      && h.running().contains(new WorkerHeartbeat.Attempt(id, 1)),
              WAIT);
      assertThat(beat.arch()).isEqualTo("x86_64");
      assertThat(beat.slots()).isEqualTo(worker.slots());
      assertThat(beat.draining()).isFalse();
    }
    given().get("/builds").then().statusCode(200).body("running.build_id", hasItem(id));

    cancel(id, "canceled by alice");

    var canceled = status.awaitEvent(BuildStatus.Canceled.class, e -> e.buildId() == id, WAIT);
    assertThat(canceled.attempt()).isEqualTo(1);
    assertThat(canceled.reason()).isEqualTo("canceled by alice");
    Dispatches.awaitNoProcess(marker);
    assertThat(statusOf(id)).noneMatch(e -> e instanceof BuildStatus.Finished);
    assertThat(Files.readString(storage().log(id, 1))).contains("canceled by alice");
    await().atMost(WAIT).until(() -> workFolders().isEmpty());
  }

  @Test
  void aStopOfOneAttemptStopsThatAttemptOnly() throws Exception {
    long id = Dispatches.nextId();
    String marker = Dispatches.dispatchSleeping(worker, id, CHROOT, "stopped-" + id, 0);
    Dispatches.awaitProcess(marker);

    // One key, one partition: the worker reads the two in this order.
    control(new BuildControl.StopAttempt(id, 2, "attempt 2 taken away"));
    control(new BuildControl.StopAttempt(id, 1, "attempt 1 taken away"));

    var canceled = status.awaitEvent(BuildStatus.Canceled.class, e -> e.buildId() == id, WAIT);
    assertThat(canceled.attempt()).isEqualTo(1);
    assertThat(canceled.reason())
        .as("the stop of attempt 2 left attempt 1 running; the stop of attempt 1 ended it")
        .isEqualTo("attempt 1 taken away");
    Dispatches.awaitNoProcess(marker);
  }

  @Test
  void aBuildPastItsTimeoutIsKilledAndFails() throws Exception {
    long id = Dispatches.nextId();
    String marker = Dispatches.dispatchSleeping(worker, id, CHROOT, "slow-" + id, 2);

    var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);

    assertThat(finished.success()).isFalse();
    assertThat(finished.exitCode()).isEqualTo(124);
    assertThat(finished.logTail()).contains("about to sleep").contains("timed out after 2s");
    assertThat(finished.reason()).isEqualTo("%build failed: the build timed out after 2s");
    Dispatches.awaitNoProcess(marker);
  }

  @Test
  void aWorkerTakesNoMoreBuildsThanItHasSlots() throws Exception {
    assertThat(worker.slots()).isEqualTo(2);
    List<Long> ids = List.of(Dispatches.nextId(), Dispatches.nextId(), Dispatches.nextId());
    for (long id : ids) {
      Dispatches.dispatchSleeping(worker, id, CHROOT, "busy-" + id, 0);
    }
    status.awaitEvent(BuildStatus.Started.class, e -> e.buildId() == ids.get(0), WAIT);
    status.awaitEvent(BuildStatus.Started.class, e -> e.buildId() == ids.get(1), WAIT);
    given()
        .get("/builds")
        .then()
        .statusCode(200)
        .body("running.size()", org.hamcrest.Matchers.is(2));

    cancel(ids.get(0));
    status.awaitEvent(BuildStatus.Started.class, e -> e.buildId() == ids.get(2), WAIT);
    // one producer, one partition: the topic's order is the order the worker sent them in
    List<BuildStatus> events = statusOf(ids);
    assertThat(events.indexOf(firstOf(events, BuildStatus.Started.class, ids.get(2))))
        .as("the third starts only after the first ended and gave its slot back")
        .isGreaterThan(events.indexOf(firstOf(events, BuildStatus.Canceled.class, ids.get(0))));
    cancel(ids.get(1));
    cancel(ids.get(2));
    status.awaitEvent(BuildStatus.Canceled.class, e -> e.buildId() == ids.get(2), WAIT);
  }

  @Test
  void malformedAndMisroutedDispatchesGoToTheDeadLetterTopicAndTheConsumerGoesOn()
      throws Exception {
    String dlqTopic = Topics.deadLetter(Topics.workerDispatch(Dispatches.WORKER));
    long misrouted = Dispatches.nextId();
    try (var dlq = new TopicProbe(Dispatches.bootstrap(), dlqTopic)) {
      String garbage = "{not a dispatch " + misrouted;
      TopicProbe.send(
          Dispatches.bootstrap(), Topics.workerDispatch(Dispatches.WORKER), "garbage", garbage);
      var wrongArch =
          new BuildDispatch(
              new BuildSpec(
                  misrouted,
                  "c",
                  "alice",
                  "x",
                  "fedora-40-aarch64",
                  null,
                  "0".repeat(64),
                  List.of()),
              1,
              0,
              worker.id(),
              worker.incarnation());
      TopicProbe.send(
          Dispatches.bootstrap(),
          Topics.workerDispatch(Dispatches.WORKER),
          Long.toString(misrouted),
          wrongArch);

      assertThat(dlq.awaitDeadLetter(garbage::equals, WAIT)).isNotBlank();
      assertThat(dlq.awaitDeadLetter(v -> v.contains("\"build_id\":" + misrouted), WAIT))
          .contains("is for aarch64");
    }
    long id = Dispatches.nextId();
    Dispatches.dispatch(
        worker,
        id,
        CHROOT,
        "after-" + id,
        TestRpms.spec("after-" + id, "1", TestRpms.Options.defaults()),
        0);
    assertThat(
            status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT).success())
        .isTrue();
    assertThat(statusOf(misrouted)).isEmpty();
  }

  @Test
  void onlyDispatchesAddressedToThisWorkerAsItRunsNowAreBuiltAndEachOnce() throws Exception {
    long beforeRestart = Dispatches.nextId();
    long otherWorker = Dispatches.nextId();
    long twice = Dispatches.nextId();
    BuildSpec stale = specOf(beforeRestart, "stale-" + beforeRestart);
    Dispatches.send(new BuildDispatch(stale, 1, 0, worker.id(), "an-earlier-incarnation"));
    BuildSpec foreign = specOf(otherWorker, "foreign-" + otherWorker);
    // Only the scheduler writes a worker's dispatch topic; should it address one there to another
    // worker, this one still does not build it.
    TopicProbe.send(
        Dispatches.bootstrap(),
        Topics.workerDispatch(worker.id()),
        Long.toString(otherWorker),
        new BuildDispatch(foreign, 1, 0, "another-worker", worker.incarnation()));
    BuildSpec mine = specOf(twice, "mine-" + twice);
    Dispatches.send(Dispatches.to(worker, mine, 1, 0));
    Dispatches.send(Dispatches.to(worker, mine, 1, 0));

    long marker = Dispatches.nextId();
    Dispatches.dispatch(
        worker,
        marker,
        CHROOT,
        "marker-" + marker,
        TestRpms.spec("marker-" + marker, "1", TestRpms.Options.defaults()),
        0);

    status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == marker, WAIT);
    status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == twice, WAIT);
    assertThat(statusOf(beforeRestart)).isEmpty();
    assertThat(statusOf(otherWorker)).isEmpty();
    assertThat(statusOf(twice)).filteredOn(e -> e instanceof BuildStatus.Started).hasSize(1);
    assertThat(storage().results(beforeRestart, 1)).doesNotExist();
    assertThat(storage().results(otherWorker, 1)).doesNotExist();
  }

  private BuildSpec specOf(long id, String name) {
    Path srpm =
        TestRpms.srpm(
            storage().srpms().resolve(Long.toString(id)), name, "1", TestRpms.Options.defaults());
    return Dispatches.spec(storage(), id, CHROOT, name, srpm, List.of());
  }

  @Test
  void aMalformedCancelGoesToTheControlDeadLetterTopic() {
    try (var dlq =
        new TopicProbe(Dispatches.bootstrap(), Topics.deadLetter(Topics.BUILDS_CONTROL))) {
      String garbage = "cancel everything " + Dispatches.nextId();
      TopicProbe.send(Dispatches.bootstrap(), Topics.BUILDS_CONTROL, "x", garbage);
      assertThat(dlq.awaitDeadLetter(garbage::equals, WAIT)).contains("not a BuildControl");
    }
  }

  @Test
  void theWorkerReadsOnlyItsOwnArchsDispatchTopicInItsArchsGroup() {
    assertThat(dispatchTopic).isEqualTo(Topics.workerDispatch(Dispatches.WORKER));
    given().get("/builds").then().statusCode(200).body("arch", org.hamcrest.Matchers.is("x86_64"));
  }

  private void cancel(long id) {
    cancel(id, "test over");
  }

  private void cancel(long id, String reason) {
    control(new BuildControl.Cancel(id, reason));
  }

  private static void control(BuildControl order) {
    TopicProbe.send(
        Dispatches.bootstrap(), Topics.BUILDS_CONTROL, Long.toString(order.buildId()), order);
  }

  private List<BuildStatus> statusOf(List<Long> ids) {
    return status.drain(Duration.ZERO).stream()
        .map(ConsumerRecord::value)
        .filter(v -> !v.contains("\"type\":\"worker_heartbeat\""))
        .map(v -> EventJson.read(v, BuildStatus.class))
        .filter(e -> ids.contains(e.buildId()))
        .toList();
  }

  private static BuildStatus firstOf(
      List<BuildStatus> events, Class<? extends BuildStatus> type, long id) {
    return events.stream()
        .filter(e -> type.isInstance(e) && e.buildId() == id)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " of build " + id));
  }

  private List<BuildStatus> statusOf(long id) {
    return status.drain(Duration.ZERO).stream()
        .map(ConsumerRecord::value)
        .filter(v -> !v.contains("\"type\":\"worker_heartbeat\""))
        .map(v -> EventJson.read(v, BuildStatus.class))
        .filter(e -> e.buildId() == id)
        .toList();
  }

  private List<Path> workFolders() throws Exception {
    try (Stream<Path> s = Files.list(worker.workDir())) {
      return s.toList();
    }
  }

  /** The hash an artifact must carry, as sha256sum computes it from the handed-over file. */
  private static String sha256sum(Path dir, String file) {
    return org.copr.testing.Processes.check(dir, java.util.Map.of(), List.of("sha256sum", file))
        .substring(0, 64);
  }

  @TestHTTPResource("/")
  URI base;

  @Test
  void httpFailuresAnswerTheErrorBody() {
    ErrorBodies.checkCommonFailures(base, "/builds", true);
  }
}
