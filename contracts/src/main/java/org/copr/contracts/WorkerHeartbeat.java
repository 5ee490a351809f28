package org.copr.contracts;

import com.fasterxml.jackson.annotation.JsonTypeName;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Topic {@link Topics#WORKERS_HEARTBEAT}, keyed by worker id, sent every few seconds. The scheduler
 * derives free slots per arch from these and declares a worker gone when they stop. A worker that
 * is shutting down sends {@code draining} so that it is given no more work.
 */
@JsonTypeName("worker_heartbeat")
@RegisterForReflection
public record WorkerHeartbeat(
    UUID eventId,
    Instant occurredAt,
    int schemaVersion,
    String workerId,
    String arch,
    int slots,
    List<Running> running,
    boolean draining)
    implements Event {
  public WorkerHeartbeat(
      String workerId, String arch, int slots, List<Running> running, boolean draining) {
    this(
        UUID.randomUUID(), Instant.now(), SCHEMA_VERSION, workerId, arch, slots, running, draining);
  }

  @RegisterForReflection
  public record Running(long buildId, int attempt) {}
}
