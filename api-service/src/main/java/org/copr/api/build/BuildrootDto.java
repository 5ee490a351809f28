package org.copr.api.build;

import java.util.List;

/** {@code GET /builds/{id}/buildroot}: what the build's last attempt was built against. */
public record BuildrootDto(long buildId, List<Entry> packages) {
  /** A package and the repository (base URL) it came from; {@code repo} null when not known. */
  public record Entry(
      String name,
      Integer epoch,
      String version,
      String release,
      String arch,
      String nevra,
      String repo) {}

  static BuildrootDto of(long buildId, List<BuildrootEntry> rows) {
    return new BuildrootDto(
        buildId,
        rows.stream()
            .map(r -> new Entry(r.name, r.epoch, r.version, r.release, r.arch, r.nevra(), r.repo))
            .toList());
  }
}
