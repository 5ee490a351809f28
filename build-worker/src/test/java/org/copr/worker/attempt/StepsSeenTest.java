package org.copr.worker.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.copr.contracts.Printable;
import org.junit.jupiter.api.Test;

/**
 * The reason of a failed build, read from rpmbuild's own output: src/test/resources/rpmbuild/ holds
 * what rpmbuild 4.18 printed for real specs failing in each step (captured on this machine; the
 * specs' failing lines are in each test).
 */
class StepsSeenTest {

  private static StepsSeen fed(String capture) throws IOException {
    StepsSeen steps = new StepsSeen();
    try (InputStream in = StepsSeenTest.class.getResourceAsStream("/rpmbuild/" + capture)) {
      new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(steps::line);
    }
    return steps;
  }

  @Test
  void prepNamesTheStepAndTheShellsComplaint() throws IOException {
    // %prep: cd no-such-folder
    assertThat(fed("prep.log").reason("sandbox", 1, ""))
        .matches(
            "%prep failed: error: Bad exit status from /tmp/reasons-cap/tmp/rpm-tmp\\.\\w+ \\(%prep\\);"
                + " last error before it: /tmp/reasons-cap/tmp/rpm-tmp\\.\\w+: 28: cd: can't cd to"
                + " no-such-folder");
  }

  @Test
  void buildNamesTheCompilersLastErrorNotItsNotesOrContext() throws IOException {
    // %build: gcc on a file missing a declaration and a ';'
    StepsSeen steps = fed("build.log");

    assertThat(steps.step()).isEqualTo("%build");
    assertThat(steps.reason("sandbox", 1, ""))
        .startsWith("%build failed: error: Bad exit status from /tmp/reasons-cap/tmp/rpm-tmp.")
        .endsWith(
            " (%build); last error before it: hello.c:2:25: error: expected ';' before '}' token");
  }

  @Test
  void installNamesTheFailedInstall() throws IOException {
    // %install: install without -D into a folder that does not exist
    assertThat(fed("install.log").reason("sandbox", 1, ""))
        .startsWith("%install failed: error: Bad exit status from ")
        .endsWith(
            "(%install); last error before it: install: cannot create regular file"
                + " '/tmp/reasons-cap/top/BUILDROOT/fail-install-1.0-1.x86_64/usr/bin/hello':"
                + " No such file or directory");
  }

  @Test
  void checkWithoutAnyMessageNamesTheCommandThatFailed() throws IOException {
    // %check: test "$(sh ./hello)" = "hello world", which prints nothing when it fails
    assertThat(fed("check.log").reason("sandbox", 1, ""))
        .startsWith("%check failed: error: Bad exit status from ")
        .endsWith("(%check); last error before it: + test hello = hello world");
  }

  @Test
  void filesNamesTheFileNotFound() throws IOException {
    // %files lists /usr/bin/goodbye, which %install never made
    assertThat(fed("files.log").reason("sandbox", 1, ""))
        .isEqualTo(
            "%files failed: error: File not found:"
                + " /tmp/reasons-cap/top/BUILDROOT/fail-files-1.0-1.x86_64/usr/bin/goodbye");
  }

  @Test
  void missingBuildRequiresAreNamed() throws IOException {
    // BuildRequires: make >= 999, no-such-package-xyz
    assertThat(fed("deps.log").reason("sandbox", 11, ""))
        .isEqualTo(
            "installing BuildRequires failed: missing make >= 999, no-such-package-xyz"
                + " (rpmbuild: Failed build dependencies)");
  }

  @Test
  void aBoundTheBuildHitComesFirst() throws IOException {
    assertThat(fed("build.log").reason("sandbox", 1, "it ran out of memory (at most 1 GiB)"))
        .startsWith("%build failed: it ran out of memory (at most 1 GiB); error: Bad exit status");
  }

  @Test
  void outputRpmbuildNeverPrintedFallsBackToTheExitCode() {
    StepsSeen steps = new StepsSeen();
    steps.line("mock stand-in: rebuilding x.src.rpm");

    assertThat(steps.reason("mock", 30, "")).isEqualTo("mock exited with 30");
    assertThat(steps.step()).isNull();
  }

  @Test
  void theWorkersOwnLinesAreNotTheBuilds() {
    StepsSeen steps = new StepsSeen();
    steps.line("Executing(%build): /bin/sh -e /build/tmp/rpm-tmp.abc");
    steps.line("copr-build-worker: Executing(%check) error: forged");

    assertThat(steps.step()).isEqualTo("%build");
    assertThat(steps.reason("sandbox", 1, "")).isEqualTo("sandbox exited with 1 in %build");
  }

  @Test
  void aHostileBuildCannotColourWrapOrSwellItsReason() {
    StepsSeen steps = new StepsSeen();
    steps.line("Executing(%build): /bin/sh -e /build/tmp/rpm-tmp.abc");
    steps.line("\u001b[2J\u001b]0;title\u0007error: <b>owned</b>\u202e\r" + "A".repeat(1_000_000));
    steps.line("error: Bad exit status from /build/tmp/rpm-tmp.abc (%build)");

    String reason = Printable.reason(steps.reason("sandbox", 1, ""));

    assertThat(reason)
        .startsWith(
            "%build failed: error: Bad exit status from /build/tmp/rpm-tmp.abc (%build);"
                + " last error before it: error: <b>owned</b> AAAA")
        .doesNotContain("\u001b")
        .doesNotContain("\u202e")
        .doesNotContain("title");
    assertThat(reason.length()).isLessThanOrEqualTo(Printable.MAX_REASON);
  }
}
