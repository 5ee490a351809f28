package org.copr.api.build;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

@RegisterForReflection
public record BuildDto(
    long id,
    String copr,
    String packageName,
    String evr,
    String chroot,
    String state,
    int attempt,
    String workerId,
    String submittedBy,
    Instant submittedAt,
    Instant startedAt,
    Instant endedAt,
    String reason,
    Instant cancelRequestedAt) {

  public static BuildDto of(Build b) {
    return new BuildDto(
        b.id,
        b.copr.name,
        b.pkg.name,
        b.version.evr(),
        b.chroot,
        b.state.wire(),
        b.attempt,
        b.workerId,
        b.submittedBy,
        b.submittedAt,
        b.startedAt,
        b.endedAt,
        b.reason,
        b.cancelRequestedAt);
  }
}
