package org.copr.worker.builder;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.copr.contracts.Chroot;

/**
 * One attempt of one build as a builder sees it: absolute paths only. {@code workDir} is private to
 * the attempt and removed afterwards; {@code resultDir} is {@code results/<build>/<attempt>/};
 * {@code slot} (0 to slots - 1) is the worker's slot it runs in, no other running attempt's.
 */
public record BuildJob(
    long buildId,
    int attempt,
    Chroot chroot,
    Path srpm,
    Path resultDir,
    Path workDir,
    List<String> repos,
    Duration timeout,
    int slot) {

  /** A name unique to this attempt, for mock's buildroot. */
  public String uniqueName() {
    return "copr-" + buildId + "-" + attempt;
  }
}
