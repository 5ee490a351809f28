package org.copr.client;

/**
 * A build request's place in a batch (src-docs/api.md, "Batches"): after every build of the batch
 * of build {@code afterBuildId} has ended, or together with build {@code withBuildId}'s batch. At
 * most one of the two; null when not given.
 */
public record BatchOption(Long afterBuildId, Long withBuildId) {
  public static final BatchOption NONE = new BatchOption(null, null);

  public BatchOption {
    if (afterBuildId != null && withBuildId != null) {
      throw new IllegalArgumentException("after_build_id and with_build_id are exclusive");
    }
  }

  String query() {
    if (afterBuildId != null) {
      return "?after_build_id=" + afterBuildId;
    }
    return withBuildId != null ? "?with_build_id=" + withBuildId : "";
  }
}
