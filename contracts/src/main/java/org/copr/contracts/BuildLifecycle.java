package org.copr.contracts;

import static org.copr.contracts.QueueState.BLOCKED;
import static org.copr.contracts.QueueState.DISPATCHED;
import static org.copr.contracts.QueueState.DONE;
import static org.copr.contracts.QueueState.QUEUED;
import static org.copr.contracts.rest.BuildState.CANCELED;
import static org.copr.contracts.rest.BuildState.FAILED;
import static org.copr.contracts.rest.BuildState.PENDING;
import static org.copr.contracts.rest.BuildState.PUBLISHING;
import static org.copr.contracts.rest.BuildState.RUNNING;
import static org.copr.contracts.rest.BuildState.STARTING;
import static org.copr.contracts.rest.BuildState.SUCCEEDED;
import static org.copr.contracts.rest.BuildState.WAITING;

import java.util.List;
import java.util.Objects;
import org.copr.contracts.rest.BuildState;

/**
 * The one build lifecycle: every event that moves a build, who sends it, and where it moves the
 * build in api-service ({@link BuildState}) and in scheduler-service's queue ({@link QueueState},
 * with the outcome it records once its part is done). Services look their moves up here; {@code
 * src-docs/events.md} shows {@link #markdown()}, and a test keeps the two the same.
 */
public final class BuildLifecycle {

  /**
   * One move.
   *
   * @param event the event's {@code type}
   * @param when the case of the event it is about, or empty
   * @param sender who sends the event
   * @param api the API's state after it, or null when it leaves the state as it is
   * @param queue the scheduler's queue state after it, or null when it leaves it as it is
   * @param outcome how the scheduler's part ended, when the event ends it
   * @param note what else happens
   */
  public record Step(
      String event,
      String when,
      String sender,
      BuildState api,
      QueueState queue,
      BuildState outcome,
      String note) {}

  public static final List<Step> STEPS =
      List.of(
          new Step(
              "build_requested",
              "",
              "api-service",
              PENDING,
              QUEUED,
              null,
              "one build per chroot of an upload"),
          new Step(
              "build_requested",
              "after a batch",
              "api-service",
              WAITING,
              BLOCKED,
              null,
              "`blocked_by_batch`: the batch it waits for has not ended"),
          new Step(
              "build_released",
              "",
              "api-service",
              PENDING,
              QUEUED,
              null,
              "the batch it waited for ended"),
          new Step(
              "dispatched",
              "",
              "scheduler-service",
              STARTING,
              DISPATCHED,
              null,
              "with the next attempt, to one worker"),
          new Step(
              "started",
              "",
              "build-worker, judged by the scheduler",
              RUNNING,
              QueueState.RUNNING,
              null,
              ""),
          new Step(
              "finished",
              "success",
              "build-worker, judged by the scheduler",
              PUBLISHING,
              DONE,
              SUCCEEDED,
              "api-service sends `publish_requested`"),
          new Step(
              "finished",
              "failure",
              "build-worker, judged by the scheduler",
              FAILED,
              DONE,
              FAILED,
              ""),
          new Step("published", "", "repo-worker", SUCCEEDED, null, null, "dnf sees it"),
          new Step("publish_failed", "", "repo-worker", FAILED, null, null, ""),
          new Step(
              "failed",
              "",
              "scheduler-service",
              FAILED,
              DONE,
              FAILED,
              "attempts used up, no such arch, cannot be dispatched"),
          new Step(
              "canceled",
              "",
              "scheduler-service, or build-worker judged by it",
              CANCELED,
              DONE,
              CANCELED,
              ""),
          new Step(
              "cancel_build",
              "queued or blocked",
              "api-service",
              null,
              DONE,
              CANCELED,
              "the owner's cancel: the API sets `cancel_requested_at`; the scheduler sends"
                  + " `canceled`"),
          new Step(
              "cancel_build",
              "dispatched or running",
              "api-service",
              null,
              null,
              null,
              "the worker kills the builder and reports `canceled`"),
          new Step(
              "stop_attempt",
              "attempts left",
              "scheduler-service",
              null,
              QUEUED,
              null,
              "it took the attempt away from its worker (gone, never started, out of time); the"
                  + " worker stops it"),
          new Step(
              "stop_attempt",
              "attempts used up",
              "scheduler-service",
              null,
              DONE,
              FAILED,
              "the scheduler sends `failed`"),
          new Step(
              "stop_attempt",
              "cancel requested",
              "scheduler-service",
              null,
              DONE,
              CANCELED,
              "the scheduler sends `canceled`"));

  private BuildLifecycle() {}

  /** The move a status event makes. */
  public static Step of(BuildStatus event) {
    String type = EventJson.typeOf(event.getClass());
    String when =
        event instanceof BuildStatus.Finished f ? (f.success() ? "success" : "failure") : "";
    return STEPS.stream()
        .filter(s -> s.event().equals(type) && s.when().equals(when))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no lifecycle step for " + type));
  }

  /** The table as src-docs/events.md shows it. */
  public static String markdown() {
    var table =
        new StringBuilder(
            "| event | case | sent by | API state after | scheduler state after | scheduler"
                + " outcome | also |\n"
                + "| --- | --- | --- | --- | --- | --- | --- |\n");
    for (Step s : STEPS) {
      table
          .append("| `")
          .append(s.event())
          .append("` | ")
          .append(s.when())
          .append(" | ")
          .append(s.sender())
          .append(" | ")
          .append(s.api() == null ? "unchanged" : "`" + s.api().wire() + "`")
          .append(" | ")
          .append(s.queue() == null ? "unchanged" : "`" + s.queue().wire() + "`")
          .append(" | ")
          .append(s.outcome() == null ? "" : "`" + s.outcome().wire() + "`")
          .append(" | ")
          .append(Objects.requireNonNullElse(s.note(), ""))
          .append(" |\n");
    }
    return table.toString();
  }
}
