package org.copr.worker.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.copr.worker.attempt.RunningBuild;

@RegisterForReflection
public record RunningBuildView(
    long buildId,
    int attempt,
    String owner,
    String copr,
    String packageName,
    String chroot,
    Instant takenAt,
    Long pid) {

  static RunningBuildView of(RunningBuild b) {
    var spec = b.spec();
    return new RunningBuildView(
        b.buildId(),
        b.attempt(),
        spec.owner(),
        spec.copr(),
        spec.packageName(),
        spec.chroot(),
        b.takenAt(),
        b.pid());
  }
}
