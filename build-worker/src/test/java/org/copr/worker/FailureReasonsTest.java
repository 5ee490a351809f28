package org.copr.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.copr.contracts.BuildStatus;
import org.copr.contracts.Printable;
import org.copr.testing.TestRpms;
import org.copr.testing.TopicProbe;
import org.copr.worker.config.ThisWorker;
import org.copr.worker.messaging.ControlConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A failed build's reason names the step that failed and what rpmbuild and the build said, as a
 * packager reads it; built by the real worker with real rpmbuild in the real sandbox.
 */
@QuarkusTest
class FailureReasonsTest {
  private static final String CHROOT = "fedora-40-x86_64";
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String BAD_EXIT = "failed: error: Bad exit status from /build/tmp/rpm-tmp.";

  @Inject ThisWorker worker;
  @Inject ControlConsumer control;

  TopicProbe status;

  @BeforeEach
  void listen() {
    status = new TopicProbe(Dispatches.bootstrap(), Dispatches.reports());
    await().atMost(WAIT).until(control::listening);
  }

  @AfterEach
  void close() {
    status.close();
  }

  private record Failing(String spec, String reasonStart, String reasonEnd) {}

  @Test
  void eachStepThatFailsIsNamedWithRpmbuildsErrorAndTheLineBeforeIt() throws Exception {
    Map<Long, Failing> builds = new LinkedHashMap<>();
    long prep = Dispatches.nextId();
    builds.put(
        prep,
        new Failing(
            spec(prep).replace("\n%build\n", "\n%prep\ncd no-such-folder\n\n%build\n"),
            "%prep " + BAD_EXIT,
            " (%prep); last error before it: ")); // the shell's words differ between hosts
    long compile = Dispatches.nextId();
    builds.put(
        compile,
        new Failing(
            spec(compile)
                .replace(
                    "%build\n",
                    "%build\nprintf 'int main(void) {\\n  return undefined_thing\\n}\\n' > hello.c\n"
                        + "gcc -o hello hello.c\n"),
            "%build " + BAD_EXIT,
            // gcc quotes with ' or with ‘’, as the locale says
            " (%build); last error before it: hello.c:2:25: error: expected "));
    long install = Dispatches.nextId();
    builds.put(
        install,
        new Failing(
            spec(install).replace("%install\n", "%install\ninstall -m 0644 no-such-file /x\n"),
            "%install " + BAD_EXIT,
            " (%install); last error before it: install: cannot stat 'no-such-file': No such file"
                + " or directory"));
    long check = Dispatches.nextId();
    builds.put(
        check,
        new Failing(
            spec(check)
                .replace(
                    "\n%files\n", "\n%check\ntest \"$(echo hello)\" = 'hello world'\n\n%files\n"),
            "%check " + BAD_EXIT,
            " (%check); last error before it: + test hello = hello world"));
    long files = Dispatches.nextId();
    builds.put(
        files,
        new Failing(
            spec(files).replace("\n%files\n", "\n%files\n/usr/bin/goodbye\n"),
            "%files failed: error: File not found: /build/rpmbuild/BUILDROOT/",
            "/usr/bin/goodbye"));

    for (var b : builds.entrySet()) {
      Dispatches.dispatch(
          worker, b.getKey(), CHROOT, "fails-" + b.getKey(), b.getValue().spec(), 0);
    }
    for (var b : builds.entrySet()) {
      var finished =
          status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == b.getKey(), WAIT);
      assertThat(finished.success()).isFalse();
      assertThat(finished.reason())
          .as(finished.logTail())
          .startsWith(b.getValue().reasonStart())
          .contains(b.getValue().reasonEnd());
      assertThat(finished.reason()).isEqualTo(Printable.reason(finished.reason()));
    }
  }

  @Test
  void theLogStartsWithTheBuildsOwnOutputNotTheSandboxsCommandLine() throws Exception {
    long id = Dispatches.nextId();
    Dispatches.dispatch(
        worker,
        id,
        CHROOT,
        "fails-" + id,
        TestRpms.spec("fails-" + id, "1.0", TestRpms.Options.defaults().failing()),
        0);

    var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);
    String log = Files.readString(worker.storage().log(id, 1));

    assertThat(log).startsWith("Installing /srpm/");
    assertThat(log)
        .doesNotContain("bwrap")
        .doesNotContain("--unshare")
        .doesNotContain("prlimit")
        .doesNotContain(worker.workDir().toString());
    assertThat(finished.logTail()).doesNotContain("bwrap");
  }

  @Test
  void aBuildThatPrintsEscapesMarkupAndHugeLinesGetsAPlainBoundedReason() throws Exception {
    long id = Dispatches.nextId();
    String hostile =
        "printf '\\033[2J\\033]0;owned\\007<img src=x onerror=alert(1)> error: \\342\\200\\256"
            + "%%s\\n' \"$(head -c 100000 /dev/zero | tr '\\0' A)\" >&2\nexit 1\n";
    Dispatches.dispatch(
        worker, id, CHROOT, "fails-" + id, spec(id).replace("%build\n", "%build\n" + hostile), 0);

    var finished = status.awaitEvent(BuildStatus.Finished.class, e -> e.buildId() == id, WAIT);

    assertThat(finished.reason())
        .startsWith("%build " + BAD_EXIT)
        .contains("; last error before it: <img src=x onerror=alert(1)> error: AAAA")
        .doesNotContain("\u001b")
        .doesNotContain("\u0007")
        .doesNotContain("owned")
        .doesNotContain("\u202e");
    assertThat(finished.reason().length()).isLessThanOrEqualTo(Printable.MAX_REASON);
  }

  private static String spec(long id) {
    return TestRpms.spec("fails-" + id, "1.0", TestRpms.Options.defaults());
  }
}
