package org.copr.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout's root, where dev/ and the sample specs live. */
public final class Repo {
  private Repo() {}

  public static Path root() {
    String configured = System.getProperty("testing.repo.root");
    if (configured != null && Files.isDirectory(Path.of(configured, "dev"))) {
      return Path.of(configured);
    }
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("dev/kafka"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException(
        "not inside a Copr checkout: no dev/kafka above " + Path.of("").toAbsolutePath());
  }
}
