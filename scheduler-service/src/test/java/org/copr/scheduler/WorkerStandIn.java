package org.copr.scheduler;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.copr.contracts.BuildDispatch;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Topics;
import org.copr.contracts.WorkerHeartbeat;

/**
 * The test plays a build worker over the real broker: heartbeats every second listing what it runs,
 * and status events when the test says so. {@link #kill()} stops the heartbeats as a crash would.
 */
final class WorkerStandIn implements AutoCloseable {
  private static final AtomicInteger COUNT = new AtomicInteger();

  final String id;
  final String arch;
  private final int slots;
  private final Set<WorkerHeartbeat.Running> running = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor();
  private volatile boolean draining;

  WorkerStandIn(String arch, int slots) {
    this.id = arch + "-stand-in-" + COUNT.incrementAndGet();
    this.arch = arch;
    this.slots = slots;
    heartbeat();
    heartbeats.scheduleAtFixedRate(this::heartbeat, 1000, 1000, TimeUnit.MILLISECONDS);
  }

  private void heartbeat() {
    try {
      Kafka.send(
          Topics.WORKERS_HEARTBEAT,
          id,
          new WorkerHeartbeat(id, arch, slots, List.copyOf(running), draining));
    } catch (RuntimeException e) {
      // broker away: a real worker keeps trying too (an exception would end the schedule)
    }
  }

  void drain() {
    draining = true;
  }

  void started(BuildDispatch dispatch) {
    started(dispatch.build().buildId(), dispatch.attempt());
  }

  void started(long buildId, int attempt) {
    running.add(new WorkerHeartbeat.Running(buildId, attempt));
    status(
        new BuildStatus.Started(
            buildId, attempt, id, "logs/" + buildId + "/build-" + attempt + ".log"));
  }

  void finished(long buildId, int attempt, boolean success) {
    running.remove(new WorkerHeartbeat.Running(buildId, attempt));
    status(
        new BuildStatus.Finished(
            buildId,
            attempt,
            id,
            "copr",
            "fedora-40-" + arch,
            "pkg",
            success,
            success ? 0 : 1,
            "results/" + buildId + "/" + attempt,
            "logs/" + buildId + "/build-" + attempt + ".log",
            List.of(),
            success ? "" : "error: build failed",
            10));
  }

  void canceled(long buildId, int attempt) {
    running.remove(new WorkerHeartbeat.Running(buildId, attempt));
    status(new BuildStatus.Canceled(buildId, attempt, "canceled by its owner"));
  }

  private void status(BuildStatus status) {
    Kafka.send(Topics.BUILDS_STATUS, status.buildId(), status);
  }

  /** Stops the heartbeats, as a crashed or cut-off worker would. */
  void kill() {
    heartbeats.shutdownNow();
    try {
      heartbeats.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    kill();
  }
}
