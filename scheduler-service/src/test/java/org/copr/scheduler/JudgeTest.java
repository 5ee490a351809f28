package org.copr.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Envelope;
import org.copr.contracts.Event;
import org.copr.contracts.EventJson;
import org.copr.contracts.Topics;
import org.copr.contracts.WorkerHeartbeat;
import org.copr.testing.TopicProbe;
import org.junit.jupiter.api.Test;

/**
 * The scheduler is the one judge of a worker's reports: each stand-in writes with its own Kafka
 * credentials on its own reports topic, as a real worker (or a taken-over build host) can. What the
 * judge refuses lands in {@code copr.workers.reports.dlq} with the reason, changes nothing, and is
 * never forwarded on {@code copr.builds.status}; the honest report that follows is, and it is the
 * first of its kind there for the build (the marker that proves nothing came before it).
 */
@QuarkusTest
class JudgeTest extends ServiceTest {
  private static final String ARCH = "judgearch";
  private static final String CHROOT = "fedora-41-" + ARCH;

  @Test
  void reportsAboutAnAttemptTheWorkerDoesNotHoldAreRefusedWithTheReason() {
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        TopicProbe status = Kafka.probe(Topics.BUILDS_STATUS);
        TopicProbe refused = Kafka.probe(Topics.REPORTS_DEAD_LETTER);
        WorkerStandIn one = new WorkerStandIn(ARCH, 1);
        WorkerStandIn other = new WorkerStandIn(ARCH, 1)) {
      long id = Kafka.request("judy", CHROOT);
      BuildDispatch dispatch = awaitDispatch(dispatches, id, 1);
      WorkerStandIn holder = WorkerStandIn.addressee(dispatch, one, other);
      WorkerStandIn stranger = holder == one ? other : one;

      // Another worker's attempt, under the stranger's own name.
      BuildStatus.Finished theirs = stranger.finishedEvent(id, 1, true);
      stranger.report(theirs);
      assertThat(reason(refused, theirs))
          .isEqualTo(
              "attempt 1 of build "
                  + id
                  + " was dispatched to worker "
                  + holder.id
                  + ", not to worker "
                  + stranger.id);

      // The holder's name, from the stranger's credentials (with the holder's incarnation even).
      BuildStatus.Finished forged = holder.finishedEvent(id, 1, true);
      BuildStatus.Finished underItsName =
          new BuildStatus.Finished(
              id,
              1,
              holder.id,
              forged.copr(),
              forged.chroot(),
              forged.packageName(),
              true,
              0,
              forged.results(),
              forged.log(),
              List.of(),
              "",
              1,
              null,
              holder.incarnation());
      stranger.report(underItsName);
      assertThat(reason(refused, underItsName))
          .isEqualTo(
              "the report names worker "
                  + holder.id
                  + " but came with the credentials of worker "
                  + stranger.id);
      WorkerHeartbeat hijack =
          new WorkerHeartbeat(holder.id, "hijacked", ARCH, 8, List.of(), List.of(), false);
      stranger.report(hijack);
      assertThat(reason(refused, hijack))
          .isEqualTo(
              "a heartbeat of worker "
                  + holder.id
                  + " came with the credentials of worker "
                  + stranger.id);

      // The holder's name and credentials, but another incarnation than the one dispatched to.
      BuildStatus.Started otherIncarnation =
          new BuildStatus.Started(
              id, 1, holder.id, "logs/" + id + "/build-1.log", UUID.randomUUID().toString());
      holder.report(otherIncarnation);
      assertThat(reason(refused, otherIncarnation))
          .isEqualTo(
              "attempt 1 of build "
                  + id
                  + " was dispatched to another incarnation of worker "
                  + holder.id
                  + " than "
                  + otherIncarnation.incarnation());

      // An attempt that was never dispatched (the next one), and a build that never was.
      BuildStatus.Finished next = holder.finishedEvent(id, 2, true);
      holder.report(next);
      assertThat(reason(refused, next))
          .isEqualTo("attempt 2 of build " + id + " is not its current attempt (1)");
      long queuedOnly = Kafka.request("judy", "fedora-41-noworkersarch");
      BuildStatus.Finished never = holder.finishedEvent(queuedOnly, 1, true);
      holder.report(never);
      assertThat(reason(refused, never)).isEqualTo("build " + queuedOnly + " was never dispatched");

      // Nothing of that changed the build; the holder's own reports are forwarded as sent.
      assertThat(build(id).getString("state")).isEqualTo("dispatched");
      assertThat(build(id).getString("worker_id")).isEqualTo(holder.id);
      holder.started(dispatch);
      Envelope<BuildStatus.Finished> honest = Envelope.of(holder.finishedEvent(id, 1, true));
      holder.report(honest);
      BuildStatus.Finished forwarded =
          status.awaitEvent(BuildStatus.Finished.class, f -> f.buildId() == id, PATIENCE);
      assertThat(
              status.values().stream()
                  .map(v -> EventJson.readEnvelope(v, BuildStatus.class))
                  .filter(e -> e.event().equals(forwarded))
                  .map(Envelope::eventId))
          .as("forwarded with the event id the worker sent it with")
          .containsExactly(honest.eventId());
      assertThat(forwarded.workerId()).isEqualTo(holder.id);
      assertThat(awaitBuild(id, state("done", 1)).getString("outcome")).isEqualTo("succeeded");
      assertThat(
              status.values().stream()
                  .map(v -> EventJson.read(v, BuildStatus.class))
                  .filter(e -> e.buildId() == id)
                  .map(e -> e.getClass().getSimpleName())
                  .toList())
          .containsExactly("Dispatched", "Started", "Finished");
    }
  }

  @Test
  void theWorkerThatLostAnAttemptCannotEndItsNextOne() {
    try (TopicProbe dispatches = Kafka.dispatches(ARCH);
        TopicProbe status = Kafka.probe(Topics.BUILDS_STATUS);
        TopicProbe refused = Kafka.probe(Topics.REPORTS_DEAD_LETTER);
        WorkerStandIn one = new WorkerStandIn(ARCH, 1)) {
      long id = Kafka.request("kim", CHROOT);
      BuildDispatch first = awaitDispatch(dispatches, id, 1);
      one.started(first);
      awaitBuild(id, state("running", 1));
      // Restarted under its id: attempt 1 is taken back and dispatched again, as attempt 2.
      String before = one.incarnation();
      one.restart();
      BuildDispatch second = awaitDispatch(dispatches, id, 2);
      assertThat(second.incarnation()).isNotEqualTo(before);

      // The old process's end of attempt 1: a stale attempt.
      BuildStatus.Finished stale =
          new BuildStatus.Finished(
              id,
              1,
              one.id,
              "kim-copr",
              CHROOT,
              "pkg-" + id,
              true,
              0,
              "results/" + id + "/1",
              "logs/" + id + "/build-1.log",
              List.of(),
              "",
              1,
              null,
              before);
      one.report(stale);
      assertThat(reason(refused, stale))
          .isEqualTo("attempt 1 of build " + id + " is not its current attempt (2)");

      one.started(second);
      one.finished(id, 2, true);
      BuildStatus.Finished forwarded =
          status.awaitEvent(BuildStatus.Finished.class, f -> f.buildId() == id, PATIENCE);
      assertThat(forwarded.attempt()).isEqualTo(2);
      assertThat(awaitBuild(id, state("done", 2)).getString("outcome")).isEqualTo("succeeded");
    }
  }

  /** The reason the refused event went to the dead-letter topic with (its header). */
  private static String reason(TopicProbe refused, Event event) {
    ConsumerRecord<String, String> record =
        refused.awaitRecord(r -> TopicProbe.carries(r, event), PATIENCE).stream()
            .filter(r -> TopicProbe.carries(r, event))
            .findFirst()
            .orElseThrow();
    Header reason = record.headers().lastHeader("dead-letter-reason");
    assertThat(reason).as("the dead-letter reason of " + record.value()).isNotNull();
    return new String(reason.value(), StandardCharsets.UTF_8);
  }
}
