package org.copr.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.copr.testing.HostileRpms;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildRequirementsTest {
  private static final int GE = (1 << 2) | (1 << 3);

  @TempDir Path dir;

  @Test
  void whatRealPackagesRequireIsAccepted() throws IOException {
    for (String name :
        List.of(
            "make",
            "gcc-c++",
            "python3.12",
            "perl(Getopt::Long)",
            "pkgconfig(gtk+-3.0)",
            "font(:lang=en)",
            "golang(github.com/a/b)",
            "npm(@scope/name)",
            "python3dist(requests[security])",
            "perl(:MODULE_COMPAT_5.36.0)",
            "/usr/bin/gcc",
            "_private-name")) {
      assertThat(DependencyToken.problem(name, null)).as(name).isEmpty();
    }
    assertThat(BuildRequirements.check("make", "1:4.3-2.fc40", GE).spec())
        .isEqualTo("make >= 1:4.3-2.fc40");
    assertThat(BuildRequirements.check("rpmlib(CompressedFileNames)", "3.0.4-1", 1 << 3).rpmlib())
        .isTrue();
  }

  @Test
  void whatAnAttackerWouldTryIsRefusedWithTheReason() {
    Map<String, String> refused =
        Map.ofEntries(
            Map.entry("--destdir=/some/host/dir", "starts with '-'"),
            Map.entry("-y", "starts with '-'"),
            Map.entry("--setopt=pluginpath=/tmp/x", "starts with '-'"),
            Map.entry("http://127.0.0.1:8099/probe.rpm", "URL"),
            Map.entry("ftp://example.org/x.rpm", "URL"),
            Map.entry("/etc/passwd", "outside /usr"),
            Map.entry("/usr/../etc/passwd", "outside /usr"),
            Map.entry("/tmp/x.rpm", "outside /usr"),
            Map.entry("hello dep", "whitespace"),
            Map.entry("hello\ndep", "whitespace"),
            Map.entry("hello\tdep", "whitespace"),
            Map.entry("hello\u0000dep", "control character"),
            Map.entry("hello\u001bdep", "control character"),
            Map.entry("a=b", "'=' is allowed only inside parentheses"),
            Map.entry("setopt=x(y)", "'=' is allowed only inside parentheses"),
            Map.entry("hello*", "glob"),
            Map.entry("x".repeat(256), "at most 255"),
            Map.entry("(a or b)", "rich dependencies"),
            Map.entry("h\u00e9llo", "not plain ASCII"),
            Map.entry(".hidden", "must begin with"),
            Map.entry("@group", "must begin with"),
            Map.entry("", "empty"));
    for (var e : refused.entrySet()) {
      assertThatThrownBy(() -> BuildRequirements.check(e.getKey(), "", 0))
          .as(e.getKey())
          .isInstanceOf(BuildRequirements.BadRequirementException.class)
          .hasMessageContaining(e.getValue());
    }
    assertThatThrownBy(() -> BuildRequirements.check("make", "4 --destdir=/x", GE))
        .hasMessageContaining("not an rpm [epoch:]version[-release]");
    assertThatThrownBy(() -> BuildRequirements.check("/usr/bin/make", "4", GE))
        .hasMessageContaining("cannot be versioned");
    assertThatThrownBy(() -> BuildRequirements.check("make", "4", 0))
        .hasMessageContaining("no comparison");
  }

  @Test
  void theMessageShowsTheEntryWithoutItsControlCharacters() {
    assertThatThrownBy(() -> BuildRequirements.check("evil\nline\u001b[31m", "", 0))
        .hasMessageStartingWith("BuildRequires \"evil\\x0aline\\x1b[31m\"")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void anSrpmPatchedAfterRpmbuildIsReadAndRefusedNamingTheEntry() throws IOException {
    Path honest =
        TestRpms.srpm(
            dir.resolve("honest"),
            "honest",
            "1",
            TestRpms.Options.defaults().buildRequires("make"));
    assertThat(BuildRequirements.read(honest))
        .extracting(BuildRequirements.Requirement::name)
        .contains("make");

    Path patched =
        HostileRpms.withBuildRequires(dir.resolve("patched"), "patched", "1", "--destdir=/tmp/x");
    assertThatThrownBy(() -> BuildRequirements.read(patched))
        .isInstanceOf(BuildRequirements.BadRequirementException.class)
        .hasMessageContaining("\"--destdir=/tmp/x\"")
        .hasMessageContaining("starts with '-'");
  }
}
