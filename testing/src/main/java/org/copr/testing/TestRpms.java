package org.copr.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Real SRPMs made with rpmbuild for tests. The packages install a tiny program, {@code
 * /usr/bin/<name>}, that prints "<name> <version>"; {@code AutoReq: no} keeps /bin/sh out of their
 * requirements so that they install into an empty dnf root.
 */
public final class TestRpms {
  private TestRpms() {}

  /** What to put in the spec beyond name and version. */
  public record Options(
      String release,
      String buildArch,
      List<String> requires,
      List<String> buildRequires,
      boolean failBuild) {
    public static Options defaults() {
      return new Options("1", "noarch", List.of(), List.of(), false);
    }

    public Options requires(String... names) {
      return new Options(release, buildArch, List.of(names), buildRequires, failBuild);
    }

    public Options buildRequires(String... names) {
      return new Options(release, buildArch, requires, List.of(names), failBuild);
    }

    public Options failing() {
      return new Options(release, buildArch, requires, buildRequires, true);
    }

    public Options release(String r) {
      return new Options(r, buildArch, requires, buildRequires, failBuild);
    }
  }

  public static String spec(String name, String version, Options o) {
    StringBuilder s = new StringBuilder();
    s.append("Name: ").append(name).append('\n');
    s.append("Version: ").append(version).append('\n');
    s.append("Release: ").append(o.release()).append('\n');
    s.append("Summary: ").append(name).append(" test package for Copr\n");
    s.append("License: MIT\n");
    s.append("BuildArch: ").append(o.buildArch()).append('\n');
    s.append("AutoReq: no\n");
    o.requires().forEach(r -> s.append("Requires: ").append(r).append('\n'));
    o.buildRequires().forEach(r -> s.append("BuildRequires: ").append(r).append('\n'));
    s.append("\n%description\n").append(name).append(" is a package built by Copr's tests.\n");
    s.append("\n%build\n");
    if (o.failBuild()) {
      s.append("echo 'this package is meant to fail to build' >&2\nexit 1\n");
    }
    s.append("printf '#!/bin/sh\\necho %s %s\\n' > ").append(name).append('\n');
    s.append("\n%install\n");
    s.append("install -D -m 0755 ")
        .append(name)
        .append(" %{buildroot}/usr/bin/")
        .append(name)
        .append('\n');
    s.append("\n%files\n/usr/bin/").append(name).append('\n');
    return s.toString().replace("%s %s", name + " " + version);
  }

  /** Builds an SRPM from the spec into {@code outDir} and returns its path. */
  public static Path srpm(Path outDir, String name, String version, Options o) {
    return srpmFromSpec(outDir, name, spec(name, version, o));
  }

  /**
   * {@code rpmbuild --rebuild} of an SRPM, as a worker without a sandbox would: binary RPMs into
   * {@code rpmDir}, in a top directory of its own; returns rpmbuild's output.
   */
  public static String rebuild(Path srpm, Path rpmDir) {
    try {
      Path top = Files.createTempDirectory("copr-test-rebuild-");
      return Processes.check(
          top,
          Map.of(),
          List.of(
              "rpmbuild",
              "--rebuild",
              "--define",
              "_topdir " + top,
              "--define",
              "_rpmdir " + rpmDir.toAbsolutePath(),
              "--define",
              "_tmppath " + top.resolve("tmp"),
              "--dbpath",
              top.resolve("rpmdb").toString(),
              srpm.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Path srpmFromSpec(Path outDir, String name, String specText) {
    try {
      Path top = Files.createTempDirectory("copr-rpmbuild-");
      Path spec = top.resolve(name + ".spec");
      Files.writeString(spec, specText);
      Files.createDirectories(outDir);
      Processes.check(
          top,
          Map.of(),
          List.of(
              "rpmbuild",
              "-bs",
              "--define",
              "_topdir " + top,
              "--define",
              "_sourcedir " + top,
              "--define",
              "_srcrpmdir " + outDir.toAbsolutePath(),
              "--dbpath",
              top.resolve("rpmdb").toString(),
              spec.toString()));
      try (Stream<Path> files = Files.list(outDir)) {
        return files
            .filter(p -> p.getFileName().toString().startsWith(name + "-"))
            .filter(p -> p.getFileName().toString().endsWith(".src.rpm"))
            .max(java.util.Comparator.comparingLong(p -> p.toFile().lastModified()))
            .orElseThrow(() -> new IllegalStateException("rpmbuild made no SRPM for " + name));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
