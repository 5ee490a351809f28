package org.copr.contracts;

import java.nio.file.Path;

/**
 * Where each service finds things on the shared storage (each service's {@code storage} key).
 * Events carry paths relative to the storage root so that every pod may mount it elsewhere.
 */
public record StorageLayout(Path root) {
  /** The layout relative to the storage root: the only paths an event may name. */
  public static final StorageLayout RELATIVE = new StorageLayout(Path.of(""));

  /** An uploaded SRPM, named by its content. */
  public Path srpm(String sha256) {
    return srpms().resolve(sha256 + ".src.rpm");
  }

  public Path srpms() {
    return root.resolve("srpms");
  }

  public Path results(long buildId, int attempt) {
    return root.resolve("results")
        .resolve(Long.toString(buildId))
        .resolve(Integer.toString(attempt));
  }

  public Path logs(long buildId) {
    return root.resolve("logs").resolve(Long.toString(buildId));
  }

  /** The live log of one attempt; the API serves the newest attempt's. */
  public Path log(long buildId, int attempt) {
    return logs(buildId).resolve("build-" + attempt + ".log");
  }

  public Path repos() {
    return root.resolve("repos");
  }

  public Path repo(String copr, String chroot) {
    return repos().resolve(copr).resolve(chroot);
  }

  public Path publishedBuild(String copr, String chroot, long buildId, String packageName) {
    return repo(copr, chroot).resolve(buildDirName(buildId, packageName));
  }

  public static String buildDirName(long buildId, String packageName) {
    return String.format("%08d-%s", buildId, packageName);
  }

  public Path resolve(String relative) {
    Path p = root.resolve(relative).normalize();
    if (!p.startsWith(root.normalize())) {
      throw new IllegalArgumentException("path escapes the storage root: " + relative);
    }
    return p;
  }

  public String relativize(Path p) {
    return root.relativize(p).toString();
  }
}
