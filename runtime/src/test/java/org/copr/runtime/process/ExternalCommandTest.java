package org.copr.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExternalCommandTest {
  private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

  @TempDir Path dir;

  @Test
  void reportsTheExitCodeAndWhatItPrinted() throws Exception {
    ExternalCommand.Result r =
        ExternalCommand.of("sh", "-c", "echo out; echo err >&2; exit 3").environment(ENV).run();

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.timedOut()).isFalse();
    assertThat(r.ok()).isFalse();
    assertThat(r.output()).contains("out").contains("err");
  }

  @Test
  void theEnvironmentIsExactlyWhatTheCallerPassed() throws Exception {
    ExternalCommand.Result r =
        ExternalCommand.of("env")
            .environment(Map.of("PATH", "/usr/bin:/bin", "ONLY", "this"))
            .run();

    assertThat(r.ok()).isTrue();
    assertThat(r.output().lines().sorted()).containsExactly("ONLY=this", "PATH=/usr/bin:/bin");
  }

  @Test
  void aTimeoutKillsTheWholeGroupGrandchildrenIncluded() throws Exception {
    Path pidFile = dir.resolve("grandchild.pid");
    long started = System.nanoTime();
    // The grandchild outlives its parent (the shell waits for nothing but sleep 60 in front).
    ExternalCommand.Result r =
        ExternalCommand.of("sh", "-c", "sleep 300 & echo $! > " + pidFile + "; sleep 60")
            .environment(ENV)
            .timeout(Duration.ofSeconds(1))
            .run();

    assertThat(r.timedOut()).isTrue();
    assertThat(r.ok()).isFalse();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    long grandchild = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(gone(grandchild)).as("grandchild %d killed", grandchild).isTrue();
  }

  @Test
  void aGrandchildLeftBehindByAnEndedCommandGoesWithIt() throws Exception {
    Path pidFile = dir.resolve("orphan.pid");
    ExternalCommand.Result r =
        ExternalCommand.of("sh", "-c", "sleep 300 > /dev/null 2>&1 & echo $! > " + pidFile)
            .environment(ENV)
            .run();

    assertThat(r.ok()).isTrue();
    long orphan = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(gone(orphan)).as("orphan %d killed", orphan).isTrue();
  }

  @Test
  void anInterruptedCallerKillsTheCommand() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    Thread caller = Thread.currentThread();
    Thread interrupter =
        new Thread(
            () -> {
              try {
                while (!Files.exists(pidFile) || Files.size(pidFile) == 0) {
                  Thread.sleep(20);
                }
              } catch (Exception e) {
                return;
              }
              caller.interrupt();
            });
    interrupter.start();
    try {
      ExternalCommand.of("sh", "-c", "echo $$ > " + pidFile + "; exec sleep 300")
          .environment(ENV)
          .timeout(Duration.ofMinutes(5))
          .run();
      throw new AssertionError("not interrupted");
    } catch (InterruptedException expected) {
      // the caller's interrupt ends the wait
    } finally {
      interrupter.join();
    }
    long child = Long.parseLong(Files.readString(pidFile).strip());
    assertThat(gone(child)).as("child %d killed", child).isTrue();
  }

  @Test
  void writesToTheGivenFilesAndReadsTheGivenInput() throws Exception {
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    ExternalCommand.Result r =
        ExternalCommand.of("sh", "-c", "cat; echo oops >&2")
            .environment(ENV)
            .input("secret on stdin\n".getBytes())
            .output(out)
            .errors(err)
            .keep(0)
            .run();

    assertThat(r.ok()).isTrue();
    assertThat(r.output()).isEmpty();
    assertThat(Files.readString(out)).isEqualTo("secret on stdin\n");
    assertThat(Files.readString(err)).isEqualTo("oops\n");
  }

  @Test
  void keepsOnlyTheStartOfALongOutput() throws Exception {
    ExternalCommand.Result r =
        ExternalCommand.of("sh", "-c", "head -c 100000 /dev/zero | tr '\\0' x")
            .environment(ENV)
            .keep(10)
            .run();

    assertThat(r.output()).isEqualTo("xxxxxxxxxx");
  }

  /** Whether the process is gone (or a zombie waiting for its reaper) within a few seconds. */
  private static boolean gone(long pid) throws Exception {
    for (int i = 0; i < 100; i++) {
      var handle = ProcessHandle.of(pid);
      if (handle.isEmpty() || !handle.get().isAlive() || zombie(pid)) {
        return true;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    return false;
  }

  private static boolean zombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
    } catch (Exception e) {
      return true;
    }
  }
}
