package org.copr.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Topics;
import org.copr.contracts.rest.BuildState;
import org.copr.testing.TopicProbe;

/**
 * Plays scheduler, build-worker and repo-worker for the api-service under test: writes a build's
 * log where a worker would and sends the status events they would send on the real broker.
 */
public final class BackendStandIn {
  private final ApiServiceProcess api;

  public BackendStandIn(ApiServiceProcess api) {
    this.api = api;
  }

  /** Dispatches and starts the build, with {@code log} as what the builder has written so far. */
  public int start(Build build, String log) {
    int attempt = Math.max(1, build.attempt());
    send(new BuildStatus.Dispatched(build.id(), attempt, "x86_64"));
    Path file = api.storage().log(build.id(), attempt);
    write(file, log);
    send(
        new BuildStatus.Started(
            build.id(), attempt, "test-worker", api.storage().relativize(file)));
    await(build.id(), BuildState.RUNNING);
    return attempt;
  }

  /** Appends to the log of a started build. */
  public void appendLog(Build build, int attempt, String more) {
    try {
      Files.writeString(
          api.storage().log(build.id(), attempt), more, java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs the build to the end: succeeded (built and published) or failed. */
  public void finish(Build build, int attempt, boolean success) {
    finish(build, attempt, success, null);
  }

  /** Fails the build with the reason a worker gives. */
  public void fail(Build build, int attempt, String reason) {
    finish(build, attempt, false, reason);
  }

  private void finish(Build build, int attempt, boolean success, String reason) {
    send(
        new BuildStatus.Finished(
            build.id(),
            attempt,
            "test-worker",
            build.copr(),
            build.chroot(),
            build.packageName(),
            success,
            success ? 0 : 1,
            api.storage().relativize(api.storage().results(build.id(), attempt)),
            api.storage().relativize(api.storage().log(build.id(), attempt)),
            List.of(),
            success ? "" : "error: this package is meant to fail",
            10,
            reason,
            null));
    if (success) {
      send(
          new BuildStatus.Published(
              build.id(), attempt, build.copr(), build.chroot(), "repos/" + build.copr()));
    }
    await(build.id(), success ? BuildState.SUCCEEDED : BuildState.FAILED);
  }

  /** Confirms a requested cancel, as the scheduler does for a queued build. */
  public void confirmCancel(Build build) {
    send(new BuildStatus.Canceled(build.id(), 0, "canceled by request"));
    await(build.id(), BuildState.CANCELED);
  }

  public void succeed(Build build) {
    finish(build, start(build, "building " + build.packageName() + "\n"), true);
  }

  private void send(BuildStatus event) {
    TopicProbe.send(
        api.bootstrapServers(), Topics.BUILDS_STATUS, Long.toString(event.buildId()), event);
  }

  private void await(long id, BuildState state) {
    CoprClient client = api.admin();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (client.buildInfo(id).state() != state) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "build " + id + " did not reach " + state + ": " + client.buildInfo(id));
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
