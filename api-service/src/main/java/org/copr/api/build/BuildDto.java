package org.copr.api.build;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.copr.contracts.rest.BuildState;

/**
 * One build. {@code batchId}: the batch of its submission, if a build request named it; {@code
 * blockedByBatch}: the batch that batch starts after (its builds are {@code waiting} until that one
 * has ended).
 */
@RegisterForReflection
public record BuildDto(
    long id,
    long submissionId,
    String copr,
    String packageName,
    String evr,
    String chroot,
    int timeout,
    BuildState state,
    int attempt,
    String workerId,
    String submittedBy,
    Instant submittedAt,
    Instant startedAt,
    Instant endedAt,
    String reason,
    Instant cancelRequestedAt,
    Long batchId,
    Long blockedByBatch) {

  public static BuildDto of(Build b) {
    return new BuildDto(
        b.id,
        b.submission.id,
        b.copr.name,
        b.pkg.name,
        b.version.evr(),
        b.chroot,
        b.timeout,
        b.state,
        b.attempt,
        b.workerId,
        b.submittedBy,
        b.submittedAt,
        b.startedAt,
        b.endedAt,
        b.reason,
        b.cancelRequestedAt,
        b.submission.batch == null ? null : b.submission.batch.id,
        b.submission.batch == null ? null : b.submission.batch.blockedBy);
  }
}
