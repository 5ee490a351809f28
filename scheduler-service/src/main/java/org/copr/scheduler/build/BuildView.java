package org.copr.scheduler.build;

import java.time.Instant;
import org.copr.contracts.rest.BuildState;

/**
 * One build as the scheduler sees it: which attempt, where, since when; {@code blockedByBatch} is
 * the batch a blocked build waits for (or waited for).
 */
public record BuildView(
    long buildId,
    String copr,
    String owner,
    String packageName,
    String chroot,
    String arch,
    String state,
    int attempt,
    String workerId,
    BuildState outcome,
    Instant queuedAt,
    Instant dispatchedAt,
    Instant startedAt,
    Instant endedAt,
    Long blockedByBatch) {

  static BuildView of(ScheduledBuild b) {
    return new BuildView(
        b.buildId,
        b.copr,
        b.owner,
        b.packageName,
        b.chroot,
        b.arch,
        b.state.wire(),
        b.attempt,
        b.workerId,
        b.outcome,
        b.queuedAt,
        b.dispatchedAt,
        b.startedAt,
        b.endedAt,
        b.blockedByBatch);
  }
}
