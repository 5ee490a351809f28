package org.copr.repo.repository;

import java.nio.file.Path;

/** What became of a finished build once its writer looked at it. */
public sealed interface Staging {

  /**
   * The build folder is in place; the metadata must cover it before {@code published} is sent.
   *
   * @param replaced an older attempt's folder of the same build was swapped out: files of the same
   *     name changed, so the next createrepo_c run must not reuse their old metadata
   */
  record Ready(BuildMarker marker, Path dir, Path results, boolean replaced, long queuedAtNanos)
      implements Staging {}

  /** A repeated or stale event: the repository already holds this or a newer attempt. */
  record Skipped(String why) implements Staging {}

  /** The build cannot be published (no packages, a damaged package...). */
  record Rejected(long buildId, int attempt, String reason) implements Staging {}
}
