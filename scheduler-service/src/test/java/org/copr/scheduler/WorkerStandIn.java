package org.copr.scheduler;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.BuildSpec;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Envelope;
import org.copr.contracts.Event;
import org.copr.contracts.EventJson;
import org.copr.contracts.Topics;
import org.copr.contracts.WorkerHeartbeat;
import org.copr.contracts.WorkerHeartbeat.Attempt;
import org.copr.testing.KafkaBroker;
import org.copr.testing.TopicSender;

/**
 * The test plays a build worker over the real broker: heartbeats every second listing what it runs
 * and what it ended, and status events when the test says so. {@link #kill()} stops the heartbeats
 * as a crash would, {@link #restart()} comes back under the same id as a new process would, and
 * {@link #close()} drains, as a worker that shuts down does, so that no later test's build goes to
 * it.
 */
final class WorkerStandIn implements AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();

  final String id;
  final String arch;
  final String user;
  private TopicSender sender;
  private final int slots;
  private final Set<Attempt> running = ConcurrentHashMap.newKeySet();
  private final Set<Attempt> ended = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
  private volatile String incarnation = UUID.randomUUID().toString();
  private volatile boolean draining;
  private volatile boolean dead;

  WorkerStandIn(String arch, int slots) {
    this.id = prefix(arch) + COUNT.incrementAndGet();
    this.arch = arch;
    this.slots = slots;
    // Its identity on the bus: a Kafka user and topics of its own, as dev/kafka gives a worker.
    this.user = KafkaBroker.shared().worker(id);
    heartbeat();
    heartbeats.scheduleAtFixedRate(this::heartbeat, 1000, 1000, TimeUnit.MILLISECONDS);
  }

  static String prefix(String arch) {
    return arch + "-stand-in-";
  }

  String incarnation() {
    return incarnation;
  }

  /**
   * Sends an event on this worker's reports topic with its own credentials, whatever it says: the
   * only way a worker's word reaches the scheduler.
   */
  void report(Event event) {
    report(Envelope.of(event));
  }

  /** As {@link #report(Event)}, under an envelope the test made. */
  synchronized void report(Envelope<?> event) {
    if (sender == null) {
      sender = new TopicSender(KafkaBroker.shared().client(user));
    }
    sender.send(Topics.workerReports(id), id, EventJson.write(event));
  }

  /** Of the stand-ins, the one the dispatch is addressed to. */
  static WorkerStandIn addressee(BuildDispatch dispatch, WorkerStandIn... workers) {
    for (WorkerStandIn worker : workers) {
      if (worker.id.equals(dispatch.workerId())) {
        return worker;
      }
    }
    throw new AssertionError("dispatch addressed to " + dispatch.workerId() + ", no stand-in");
  }

  private void heartbeat() {
    if (dead) {
      return;
    }
    try {
      // What runs is read before what ended, as the real worker does: an attempt moves from the
      // one to the other, and is in one of them when both are read in this order.
      List<Attempt> runningNow = List.copyOf(running);
      report(
          new Envelope<>(
              UUID.randomUUID(),
              SchedulerClock.CLOCK.instant(),
              Event.SCHEMA_VERSION,
              new WorkerHeartbeat(
                  id, incarnation, arch, slots, runningNow, List.copyOf(ended), draining)));
    } catch (RuntimeException e) {
      // broker away: a real worker keeps trying too (an exception would end the schedule)
    }
  }

  void drain() {
    draining = true;
  }

  void started(BuildDispatch dispatch) {
    assertThat(dispatch.workerId()).as("the worker of the dispatch").isEqualTo(id);
    assertThat(dispatch.incarnation()).as("the incarnation of the dispatch").isEqualTo(incarnation);
    started(dispatch.build().buildId(), dispatch.attempt());
  }

  void started(long buildId, int attempt) {
    running.add(new Attempt(buildId, attempt));
    status(
        new BuildStatus.Started(
            buildId, attempt, id, "logs/" + buildId + "/build-" + attempt + ".log", incarnation));
  }

  void finished(long buildId, int attempt, boolean success) {
    status(finishedEvent(buildId, attempt, success));
    ended(new Attempt(buildId, attempt));
  }

  /** What this worker, as it runs now, sends when it ends the attempt of the build. */
  BuildStatus.Finished finishedEvent(long buildId, int attempt, boolean success) {
    BuildSpec spec = Kafka.spec(buildId);
    return new BuildStatus.Finished(
        buildId,
        attempt,
        id,
        spec == null ? "copr" : spec.copr(),
        spec == null ? "fedora-40-" + arch : spec.chroot(),
        spec == null ? "pkg" : spec.packageName(),
        success,
        success ? 0 : 1,
        "results/" + buildId + "/" + attempt,
        "logs/" + buildId + "/build-" + attempt + ".log",
        List.of(),
        success ? "" : "error: build failed",
        10,
        success ? null : "the build failed",
        incarnation);
  }

  void canceled(long buildId, int attempt) {
    status(new BuildStatus.Canceled(buildId, attempt, "canceled by its owner", id, incarnation));
    ended(new Attempt(buildId, attempt));
  }

  /** As the real worker: listed as ended once its end is sent, and only then not as running. */
  private void ended(Attempt attempt) {
    ended.add(attempt);
    running.remove(attempt);
  }

  /** Lists the attempt as ended without sending its end yet, as if that event were slow. */
  void endedUnreported(long buildId, int attempt) {
    ended(new Attempt(buildId, attempt));
  }

  /** Forgets an attempt without a word, as a worker whose build's process vanished would. */
  void forget(long buildId, int attempt) {
    running.remove(new Attempt(buildId, attempt));
  }

  private void status(BuildStatus status) {
    report(status);
  }

  /** Stops the heartbeats, as a crashed or cut-off worker would. */
  void kill() {
    dead = true;
  }

  /** Comes back under the same id after a crash: a new process, which runs nothing yet. */
  void restart() {
    running.clear();
    ended.clear();
    incarnation = UUID.randomUUID().toString();
    dead = false;
    heartbeat();
  }

  /** Drains and stops: the scheduler knows it takes nothing more before this returns. */
  @Override
  public void close() {
    if (!dead) {
      draining = true;
      heartbeat();
      await()
          .atMost(ServiceTest.PATIENCE)
          .until(
              () ->
                  given()
                      .get("/queue/workers/{id}", id)
                      .then()
                      .extract()
                      .jsonPath()
                      .getBoolean("draining"));
    }
    dead = true;
    heartbeats.shutdownNow();
    synchronized (this) {
      if (sender != null) {
        sender.close();
      }
    }
  }
}
