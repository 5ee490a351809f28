package org.copr.repo.repository;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What repo-worker knows about a published build folder, kept in the folder itself ({@code
 * .copr-build}, ignored by createrepo_c and never served): which attempt it holds and whether its
 * {@code published} event has been acknowledged by Kafka. It makes repeated and stale events
 * harmless and lets a restart finish what a crash interrupted.
 */
public record BuildMarker(long buildId, int attempt, String packageName, boolean reported) {
  static final String FILE = ".copr-build";

  public static Optional<BuildMarker> read(Path buildDir) {
    Path file = buildDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
      return Optional.of(
          new BuildMarker(
              Long.parseLong(p.getProperty("build_id")),
              Integer.parseInt(p.getProperty("attempt")),
              p.getProperty("package"),
              Boolean.parseBoolean(p.getProperty("reported"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public BuildMarker asReported() {
    return new BuildMarker(buildId, attempt, packageName, true);
  }

  /** Writes the marker with a rename, so a crash leaves the old or the new one. */
  public void write(Path buildDir) throws IOException {
    Properties p = new Properties();
    p.setProperty("build_id", Long.toString(buildId));
    p.setProperty("attempt", Integer.toString(attempt));
    p.setProperty("package", packageName);
    p.setProperty("reported", Boolean.toString(reported));
    Path tmp = buildDir.resolve(FILE + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp)) {
      p.store(w, null);
    }
    Files.move(
        tmp,
        buildDir.resolve(FILE),
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }
}
