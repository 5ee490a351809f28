package org.copr.client;

import java.util.List;

/**
 * A package in a copr.
 *
 * @param versions the uploaded versions, newest first
 * @param latestBuilds the newest build per chroot
 */
public record Pkg(
    String name,
    String copr,
    String summary,
    String license,
    List<Version> versions,
    List<Build> latestBuilds) {

  /** One uploaded SRPM of the package. */
  public record Version(
      int epoch,
      String version,
      String release,
      String evr,
      String srpmSha256,
      long srpmSize,
      String uploadedBy,
      java.time.Instant uploadedAt) {}

  /** The newest version's EVR, or "-" for a package without versions. */
  public String latestEvr() {
    return versions == null || versions.isEmpty() ? "-" : versions.get(0).evr();
  }
}
