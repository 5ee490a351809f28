package org.copr.worker.attempt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.copr.runtime.process.ExternalCommand;
import org.copr.worker.builder.Builders;

/**
 * A running builder and everything it started, in a process group of its own ({@link
 * ExternalCommand}), so that a kill reaches the whole group, children that lost their parent
 * included; descendants are signalled one by one as well, for any that moved to a group of their
 * own.
 */
final class BuilderProcess {
  private final ExternalCommand.Running process;
  private final AtomicBoolean killed = new AtomicBoolean();

  private BuilderProcess(ExternalCommand.Running process) {
    this.process = process;
  }

  /**
   * Starts the command with exactly {@code environment} (nothing of the worker's own, its Kafka
   * login among it); {@code path} is where stdbuf is looked up.
   */
  static BuilderProcess start(
      List<String> command, Path dir, String path, Map<String, String> environment)
      throws IOException {
    List<String> full = new ArrayList<>();
    // Line-buffered stdio, so the log shows each line when it is written and in order.
    Builders.find("stdbuf", path).ifPresent(p -> full.addAll(List.of(p.toString(), "-oL", "-eL")));
    full.addAll(command);
    return new BuilderProcess(
        ExternalCommand.of(full).directory(dir).environment(environment).start());
  }

  long pid() {
    return process.pid();
  }

  /**
   * Hands every output line to {@code lines} until the builder and its children close it, and calls
   * {@code flush} after each read. A line is held up to {@code maxLine} bytes: the rest of a longer
   * one is skipped and the line marked as cut, so no output can fill the worker's heap.
   */
  void pump(int maxLine, Consumer<String> lines, Runnable flush) throws IOException {
    byte[] buf = new byte[64 * 1024];
    ByteArrayOutputStream line = new ByteArrayOutputStream(Math.min(maxLine, 8192));
    boolean cut = false;
    try (InputStream in = process.output()) {
      int n;
      while ((n = in.read(buf)) != -1) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buf[i] == '\n') {
            cut |= append(line, buf, start, i - start, maxLine);
            lines.accept(text(line, cut, maxLine));
            line.reset();
            cut = false;
            start = i + 1;
          }
        }
        cut |= append(line, buf, start, n - start, maxLine);
        flush.run();
      }
    }
    if (line.size() > 0 || cut) {
      lines.accept(text(line, cut, maxLine));
      flush.run();
    }
  }

  /** Appends what fits; true when something did not. */
  private static boolean append(
      ByteArrayOutputStream line, byte[] buf, int off, int len, int maxLine) {
    int room = maxLine - line.size();
    if (len <= room) {
      line.write(buf, off, len);
      return false;
    }
    line.write(buf, off, Math.max(room, 0));
    return true;
  }

  private static String text(ByteArrayOutputStream line, boolean cut, int maxLine) {
    String text = line.toString(StandardCharsets.UTF_8);
    return cut ? text + " [copr-build-worker: line cut at " + maxLine + " bytes]" : text;
  }

  int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /** SIGTERM to the whole tree, SIGKILL after {@code grace}; returns at once, runs once. */
  void kill(ScheduledExecutorService timers, Duration grace) {
    if (!killed.compareAndSet(false, true)) {
      return;
    }
    // Signalling runs a program: never on the caller's thread, which may be a Kafka event loop.
    timers.execute(
        () -> {
          process.kill(false);
          timers.schedule(() -> process.kill(true), grace.toMillis(), TimeUnit.MILLISECONDS);
        });
  }
}
