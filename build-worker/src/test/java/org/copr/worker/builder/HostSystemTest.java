package org.copr.worker.builder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What this (Debian) host's system provides to a build, though its rpm database is empty. */
class HostSystemTest {
  private final HostSystem host =
      new HostSystem(SandboxBuilder.PROGRAM_DIRS, Set.of("perl(Getopt::Long)"));

  @Test
  void theHostsLibrariesProgramsAndFilesAreProvided() {
    assertThat(
            List.of(
                "libc.so.6()(64bit)",
                "libc.so.6(GLIBC_2.2.5)(64bit)",
                "libm.so.6",
                "rtld(GNU_HASH)",
                "/bin/sh",
                "/usr/bin/pkg-config",
                "/etc/passwd",
                "gcc",
                "perl(Getopt::Long)"))
        .allMatch(host::provides);
  }

  @Test
  void whatTheHostLacksOrCannotTellIsNot() {
    assertThat(
            List.of(
                "libhello.so.1()(64bit)",
                "pkgconfig(libhello)",
                "perl(Some::Module)",
                "libhello",
                "/usr/include/hello.h",
                "/proc/self/environ",
                "/usr/../proc/self/environ",
                "-gcc",
                "gcc --version",
                "lib$(id).so.1",
                ""))
        .noneMatch(host::provides);
  }
}
