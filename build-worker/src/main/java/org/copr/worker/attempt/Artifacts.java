package org.copr.worker.attempt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.copr.contracts.BuildStatus.Artifact;
import org.copr.rpm.RpmFiles;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.info.RpmInformation;
import org.eclipse.packager.rpm.info.RpmInformations;

/** Reads the NEVRA of every RPM in a result directory from the RPM headers themselves. */
final class Artifacts {
  private static final short SOURCE_PACKAGE = 1;

  private Artifacts() {}

  /**
   * Every entry of the result directory must be a regular file (a link, folder, FIFO or device left
   * by the build fails it); every {@code *.rpm} becomes an artifact.
   */
  static List<Artifact> readAll(Path resultDir) throws IOException {
    return readAll(resultDir, null);
  }

  /**
   * As {@link #readAll(Path)}, but only the files named in {@code handedOver} (null: all): what
   * else the shared folder holds is no result of this worker's.
   */
  static List<Artifact> readAll(Path resultDir, Set<String> handedOver) throws IOException {
    List<Artifact> artifacts = new ArrayList<>();
    try (Stream<Path> files = Files.list(resultDir)) {
      for (Path file : files.sorted().toList()) {
        if (handedOver != null && !handedOver.contains(file.getFileName().toString())) {
          continue;
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
          throw notRegular(file);
        }
        if (file.getFileName().toString().endsWith(".rpm")) {
          artifacts.add(read(file));
        }
      }
    }
    return List.copyOf(artifacts);
  }

  private static IOException notRegular(Path file) {
    return new IOException(
        "the build left " + file.getFileName() + ", which is not a regular file");
  }

  /**
   * The build wrote the file: it may be anything. Its header sizes are checked before it is parsed
   * ({@link RpmFiles}), and a link is refused rather than followed.
   */
  static Artifact read(Path rpm) throws IOException {
    if (!Files.isRegularFile(rpm, LinkOption.NOFOLLOW_LINKS)) {
      throw notRegular(rpm);
    }
    Artifact described;
    try {
      described =
          RpmFiles.read(
              rpm,
              (in, layout) -> {
                RpmInformation info = RpmInformations.makeInformation(in);
                // The header's arch of a source package is its BuildArch; the file is still "src".
                String arch =
                    in.getLead().getType() == SOURCE_PACKAGE ? "src" : info.getArchitecture();
                Integer epoch = RpmFiles.epoch(in.getPayloadHeader().getTag(RpmTag.EPOCH));
                return new Artifact(
                    rpm.getFileName().toString(),
                    info.getName(),
                    epoch,
                    info.getVersion().getVersion(),
                    info.getVersion().getRelease(),
                    arch,
                    null);
              });
    } catch (IOException e) {
      throw new IOException(
          "cannot read the RPM header of " + rpm.getFileName() + ": " + e.getMessage(), e);
    }
    return new Artifact(
        described.file(),
        described.name(),
        described.epoch(),
        described.version(),
        described.release(),
        described.arch(),
        sha256(rpm));
  }

  /** Of the bytes handed over: repo-worker publishes the file only while it still has them. */
  static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
