package org.copr.worker;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

/**
 * A test profile that puts a STAND-IN for mock first on the worker's PATH, with backend auto. The
 * stand-in is a shell script named {@code mock} in a folder named {@code mock-stand-in}: it records
 * its arguments and rebuilds the SRPM with the real rpmbuild into {@code --resultdir}, as mock
 * would inside its buildroot: rpmbuild's output goes to {@code build.log} there, mock's own lines
 * (and, when rpmbuild failed, its {@code ERROR: Exception(…)}) to stdout. Real mock cannot run on
 * this machine (not packaged, no network).
 */
public class MockStandIn implements QuarkusTestProfile {
  static final Path DIR = create();

  private static final String SCRIPT =
      """
      #!/bin/bash
      # STAND-IN for mock, written by the build-worker tests (MockStandIn.java). Not mock.
      here=$(dirname "$0")
      srpm=""; resultdir=""; unique=""; config=""
      args=("$@")
      while [ $# -gt 0 ]; do
        case "$1" in
          -r) config=$2; shift ;;
          --rebuild) srpm=$2; shift ;;
          --resultdir) resultdir=$2; shift ;;
          --uniqueext) unique=$2; shift ;;
        esac
        shift
      done
      printf '%s\\n' "${args[@]}" > "$here/$unique.args"
      cp "$config" "$here/$unique.cfg"
      echo "mock stand-in: rebuilding $srpm into $resultdir"
      echo "INFO: Start: rpmbuild $(basename "$srpm")"
      top=$(mktemp -d)
      # As mock does: rpmbuild's output goes to build.log in the result folder, not to stdout.
      rpmbuild --rebuild --define "_topdir $top" --define "_rpmdir $resultdir" \\
        --define "_build_name_fmt %%{NAME}-%%{VERSION}-%%{RELEASE}.%%{ARCH}.rpm" \\
        --dbpath "$top/rpmdb" --nodeps "$srpm" > "$resultdir/build.log" 2>&1
      rc=$?
      # mock rebuilds the SRPM: the result holds it under its NEVRA, whatever the input's name.
      cp "$srpm" "$resultdir/$(rpm -qp --nosignature --qf '%{NAME}-%{VERSION}-%{RELEASE}' "$srpm").src.rpm"
      # As mock's package_state plugin lists the chroot: %{nevra} and more, one line each.
      printf '%s\\n' 'glibc-2.39-22.fc40.x86_64 1721174400 6400000 1a2b installed' \\
        'make-1:4.4.1-6.fc40.x86_64 1721174400 1800000 3c4d installed' \\
        '--not a package--' > "$resultdir/installed_pkgs.log"
      rm -rf "$top"
      if [ $rc -ne 0 ]; then
        echo "ERROR: Exception($srpm) Config(stand-in) 0 minutes 1 seconds"
        echo "INFO: Results and/or logs in: $resultdir"
        echo "ERROR: Command failed: "
        echo " # /usr/bin/rpmbuild -bb --target x86_64 --nodeps /builddir/build/SPECS/stand-in.spec"
      fi
      exit $rc
      """;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "copr.worker.backend",
        "auto",
        "copr.worker.path",
        DIR + ":" + System.getenv("PATH"),
        "copr.worker.mock-config",
        DIR.resolve("site-defaults.cfg").toString());
  }

  /** The mock config the stand-in was given for the attempt. */
  static String config(long buildId, int attempt) throws IOException {
    return Files.readString(DIR.resolve("copr-" + buildId + "-" + attempt + ".cfg"));
  }

  /** What the stand-in was called with for the attempt. */
  static List<String> arguments(long buildId, int attempt) throws IOException {
    return Files.readAllLines(DIR.resolve("copr-" + buildId + "-" + attempt + ".args"));
  }

  private static Path create() {
    try {
      Path dir = Files.createTempDirectory("mock-stand-in-");
      Path mock = dir.resolve("mock");
      Files.writeString(mock, SCRIPT);
      Files.setPosixFilePermissions(mock, PosixFilePermissions.fromString("rwxr-xr-x"));
      // As the image sets it: builds run as a uid of their own, never the worker's.
      Files.writeString(
          dir.resolve("site-defaults.cfg"),
          "config_opts['isolation'] = 'simple'\nconfig_opts['chrootuid'] = 64000\n");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
