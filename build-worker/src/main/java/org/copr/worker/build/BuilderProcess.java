package org.copr.worker.build;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.copr.worker.builder.Builders;
import org.jboss.logging.Logger;

/**
 * A running builder and everything it started. It runs in a session of its own (setsid), so that a
 * kill reaches the whole process group, including children that lost their parent; descendants are
 * signalled one by one as well, for any that moved to a group of their own.
 */
final class BuilderProcess {
  private static final Logger LOG = Logger.getLogger(BuilderProcess.class);

  private final Process process;
  private final boolean ownGroup;
  private final Optional<Path> killProgram;
  private final AtomicBoolean killed = new AtomicBoolean();

  private BuilderProcess(Process process, boolean ownGroup, Optional<Path> killProgram) {
    this.process = process;
    this.ownGroup = ownGroup;
    this.killProgram = killProgram;
  }

  static BuilderProcess start(List<String> command, Path dir, String path) throws IOException {
    Optional<Path> setsid = Builders.find("setsid", path);
    List<String> full = new ArrayList<>();
    setsid.ifPresent(p -> full.add(p.toString()));
    // Line-buffered stdio, so the log shows each line when it is written and in order.
    Builders.find("stdbuf", path).ifPresent(p -> full.addAll(List.of(p.toString(), "-oL", "-eL")));
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().put("PATH", path);
    // rpmbuild and mock read ~/.rpmmacros; a private HOME keeps the host's out of the build.
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("LC_ALL", "C.UTF-8");
    pb.environment().put("PYTHONUNBUFFERED", "1");
    Process process = pb.start();
    process.getOutputStream().close();
    return new BuilderProcess(process, setsid.isPresent(), Builders.find("kill", path));
  }

  long pid() {
    return process.pid();
  }

  /** Hands every output line to {@code sink} until the builder and its children close it. */
  void pump(Consumer<String> sink) throws IOException {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        sink.accept(line);
      }
    }
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
          List<ProcessHandle> tree = tree();
          signal(tree, "TERM");
          timers.schedule(
              () -> signal(tree(tree), "KILL"), grace.toMillis(), TimeUnit.MILLISECONDS);
        });
  }

  private List<ProcessHandle> tree() {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    return tree;
  }

  private List<ProcessHandle> tree(List<ProcessHandle> earlier) {
    List<ProcessHandle> tree = tree();
    earlier.stream().filter(h -> !tree.contains(h)).forEach(tree::add);
    return tree;
  }

  private void signal(List<ProcessHandle> tree, String signal) {
    if (ownGroup && killProgram.isPresent()) {
      try {
        new ProcessBuilder(killProgram.get().toString(), "-s", signal, "--", "-" + process.pid())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start()
            .waitFor(5, TimeUnit.SECONDS);
      } catch (IOException e) {
        LOG.warnf("cannot signal process group %d: %s", process.pid(), e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (ProcessHandle h : tree) {
      if (h.isAlive()) {
        if ("KILL".equals(signal)) {
          h.destroyForcibly();
        } else {
          h.destroy();
        }
      }
    }
  }
}
