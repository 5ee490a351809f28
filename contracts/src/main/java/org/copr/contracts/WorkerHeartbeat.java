package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Topic {@link Topics#workerReports(String)} of its worker, sent every few seconds. The scheduler
 * derives each worker's free slots from these, declares a worker gone when they stop, and takes
 * back every attempt it holds for a worker whose {@code incarnation} (new at every process start)
 * changed or whose heartbeats list it neither as running nor as ended. {@code ended} names the
 * attempts whose last status event the broker has acknowledged lately, so that an end still on its
 * way to the scheduler is not mistaken for a lost attempt. A worker that is shutting down sends
 * {@code draining} so that it is given no more work.
 */
@JsonTypeName("worker_heartbeat")
@RegisterForReflection
public record WorkerHeartbeat(
    String workerId,
    String incarnation,
    String arch,
    int slots,
    List<Attempt> running,
    List<Attempt> ended,
    boolean draining)
    implements Event {
  /** The most attempts either list may carry; a longer one is malformed. */
  public static final int MAX_LISTED = 1000;

  /** One attempt of one build. */
  @RegisterForReflection
  public record Attempt(long buildId, int attempt) {}
}
