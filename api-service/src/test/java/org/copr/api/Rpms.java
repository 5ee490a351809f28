package org.copr.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.copr.testing.Processes;
import org.copr.testing.TestRpms;

/** Files for upload tests: real SRPMs and binary RPMs made with rpmbuild, and broken ones. */
public final class Rpms {
  private Rpms() {}

  public static Path srpm(String name, String version) {
    return srpm(name, version, TestRpms.Options.defaults());
  }

  public static Path srpm(String name, String version, TestRpms.Options options) {
    return TestRpms.srpm(tempDir(), name, version, options);
  }

  /** A binary RPM built with {@code rpmbuild -bb} from the same spec the SRPMs use. */
  public static Path binaryRpm(String name, String version) {
    Path top = tempDir();
    Path spec = top.resolve(name + ".spec");
    Path out = top.resolve("rpms");
    try {
      Files.writeString(spec, TestRpms.spec(name, version, TestRpms.Options.defaults()));
      Processes.check(
          top,
          Map.of(),
          List.of(
              "rpmbuild",
              "-bb",
              "--define",
              "_topdir " + top,
              "--define",
              "_rpmdir " + out,
              "--define",
              "_tmppath " + top.resolve("tmp"),
              "--dbpath",
              top.resolve("rpmdb").toString(),
              spec.toString()));
      try (Stream<Path> files = Files.walk(out)) {
        return files.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first {@code bytes} bytes of a file, as an interrupted upload would leave it. */
  public static Path truncated(Path file, int bytes) {
    try {
      byte[] all = Files.readAllBytes(file);
      return write("truncated.src.rpm", java.util.Arrays.copyOf(all, Math.min(bytes, all.length)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path write(String fileName, byte[] content) {
    try {
      return Files.write(tempDir().resolve(fileName), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path tempDir() {
    try {
      return Files.createTempDirectory("copr-api-test-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
