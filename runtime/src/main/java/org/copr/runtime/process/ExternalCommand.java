package org.copr.runtime.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The one way a service runs another program. The child gets exactly the environment the caller
 * passes (nothing of the service's own: its secrets are never a child's, and never in argv), runs
 * in a process group of its own, and the whole group is killed when it overruns its timeout or the
 * caller is interrupted, grandchildren that lost their parent included. Output goes to a file, so a
 * chatty program never blocks on a full pipe and a child holding it open never hides the timeout.
 */
public final class ExternalCommand {
  /** What is kept of the output in {@link Result#output()} unless the caller says otherwise. */
  public static final int KEPT_OUTPUT = 64 * 1024;

  private static final String SYSTEM_PATH = "/usr/bin:/bin";
  private static final File NO_INPUT = new File("/dev/null");

  private final List<String> command;
  private Map<String, String> environment = Map.of();
  private Path directory;
  private Duration timeout = Duration.ofMinutes(5);
  private byte[] input;
  private Path output;
  private Path errors;
  private int kept = KEPT_OUTPUT;

  private ExternalCommand(List<String> command) {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("no program to run");
    }
    this.command = List.copyOf(command);
  }

  public static ExternalCommand of(List<String> command) {
    return new ExternalCommand(command);
  }

  public static ExternalCommand of(String... command) {
    return of(List.of(command));
  }

  /** The child's whole environment; its PATH also finds setsid and kill. */
  public ExternalCommand environment(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    return this;
  }

  public ExternalCommand directory(Path directory) {
    this.directory = directory;
    return this;
  }

  public ExternalCommand timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** What the child reads on stdin (secrets go this way, never in argv); else /dev/null. */
  public ExternalCommand input(byte[] input) {
    this.input = input.clone();
    return this;
  }

  /** Where stdout (and stderr, unless {@link #errors}) goes; else a temporary file. */
  public ExternalCommand output(Path file) {
    this.output = file;
    return this;
  }

  /** Where stderr goes, apart from stdout. */
  public ExternalCommand errors(Path file) {
    this.errors = file;
    return this;
  }

  /** How many bytes of the output {@link Result#output()} holds (its start); 0 for none. */
  public ExternalCommand keep(int bytes) {
    this.kept = bytes;
    return this;
  }

  /**
   * How it ended. {@code output} is the start of what it printed, at most the kept bytes; {@code
   * exitCode} is -1 when it timed out.
   */
  public record Result(int exitCode, boolean timedOut, String output) {
    public boolean ok() {
      return exitCode == 0 && !timedOut;
    }

    /** The last characters of the output, for reasons and logs that must stay short. */
    public String tail(int chars) {
      String trimmed = output.strip();
      return trimmed.length() <= chars
          ? trimmed
          : "..." + trimmed.substring(trimmed.length() - chars);
    }
  }

  /**
   * Runs the command to its end or its timeout.
   *
   * @throws IOException when it cannot be started
   * @throws InterruptedException when the caller was interrupted; the group is killed first
   */
  public Result run() throws IOException, InterruptedException {
    Path file = output != null ? output : Files.createTempFile("copr-command-", ".out");
    try {
      Optional<Path> setsid = find("setsid", path());
      ProcessBuilder pb = builder(setsid).redirectOutput(file.toFile());
      if (errors != null) {
        pb.redirectError(errors.toFile());
      } else {
        pb.redirectErrorStream(true);
      }
      if (input == null) {
        pb.redirectInput(NO_INPUT);
      }
      Running running = new Running(pb.start(), path(), setsid.isPresent());
      try {
        if (input != null) {
          feed(running.process, input);
        }
        boolean ended = running.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
          running.kill(true);
          running.process.waitFor();
          return new Result(-1, true, kept(file));
        }
        return new Result(running.process.exitValue(), false, kept(file));
      } finally {
        // Whatever is left of its group (daemons it forked, an interrupted wait) goes with it.
        running.kill(true);
      }
    } finally {
      if (output == null) {
        Files.deleteIfExists(file);
      }
    }
  }

  /**
   * Starts the command with its output (stdout and stderr) on {@link Running#output()}, for a
   * caller that reads it as it comes and ends it with {@link Running#kill}; no timeout applies.
   */
  public Running start() throws IOException {
    Optional<Path> setsid = find("setsid", path());
    ProcessBuilder pb = builder(setsid).redirectErrorStream(true);
    if (input == null) {
      pb.redirectInput(NO_INPUT);
    }
    Process process = pb.start();
    if (input != null) {
      feed(process, input);
    }
    return new Running(process, path(), setsid.isPresent());
  }

  private ProcessBuilder builder(Optional<Path> setsid) {
    List<String> full = new ArrayList<>();
    // setsid makes the child the leader of a new group (same pid), which kill then reaches whole.
    setsid.ifPresent(p -> full.add(p.toString()));
    full.addAll(command);
    ProcessBuilder pb = new ProcessBuilder(full);
    pb.environment().clear();
    pb.environment().putAll(environment);
    if (directory != null) {
      pb.directory(directory.toFile());
    }
    return pb;
  }

  private String path() {
    return environment.getOrDefault("PATH", SYSTEM_PATH);
  }

  /**
   * Written from a thread of its own, so that a child that does not read cannot stall the timeout.
   */
  private static void feed(Process process, byte[] bytes) {
    Thread writer =
        new Thread(
            () -> {
              try (OutputStream in = process.getOutputStream()) {
                in.write(bytes);
              } catch (IOException e) {
                // the child closed its stdin or ended: its exit code tells the rest
              }
            },
            "command-input");
    writer.setDaemon(true);
    writer.start();
  }

  private String kept(Path file) throws IOException {
    if (kept <= 0) {
      return "";
    }
    try (InputStream in = Files.newInputStream(file)) {
      return new String(in.readNBytes(kept), StandardCharsets.UTF_8);
    }
  }

  /** The program's absolute path from the PATH given, if there is one. */
  public static Optional<Path> find(String program, String path) {
    for (String dir : path.split(":")) {
      if (!dir.isEmpty()) {
        Path candidate = Path.of(dir, program);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate.toAbsolutePath());
        }
      }
    }
    return Optional.empty();
  }

  /** A started command, in a group of its own when setsid was found. */
  public static final class Running {
    private final Process process;
    private final Optional<Path> kill;
    private final boolean ownGroup;
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();

    private Running(Process process, String path, boolean ownGroup) {
      this.process = process;
      this.ownGroup = ownGroup;
      this.kill = find("kill", path);
    }

    public long pid() {
      return process.pid();
    }

    /** stdout and stderr, merged. */
    public InputStream output() {
      return process.getInputStream();
    }

    public int waitFor() throws InterruptedException {
      return process.waitFor();
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    /**
     * Signals the whole group (SIGKILL when {@code force}, else SIGTERM), and every descendant one
     * by one as well, for any that moved to a group of its own. Blocks for as long as kill runs.
     */
    public void kill(boolean force) {
      // Those seen at an earlier kill too: a descendant that lost its parent is no longer listed.
      synchronized (seen) {
        seen.addAll(process.descendants().toList());
        seen.add(process.toHandle());
      }
      if (ownGroup && kill.isPresent()) {
        // Also after the leader ended: the group's id stays its own while members remain.
        signalGroup(force ? "KILL" : "TERM");
      }
      List<ProcessHandle> tree;
      synchronized (seen) {
        tree = List.copyOf(seen);
      }
      for (ProcessHandle h : tree) {
        if (h.isAlive()) {
          if (force) {
            h.destroyForcibly();
          } else {
            h.destroy();
          }
        }
      }
    }

    private void signalGroup(String signal) {
      ProcessBuilder pb =
          new ProcessBuilder(kill.get().toString(), "-s", signal, "--", "-" + process.pid())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectInput(NO_INPUT);
      pb.environment().clear();
      pb.environment().put("PATH", SYSTEM_PATH);
      try {
        Process k = pb.start();
        if (!k.waitFor(5, TimeUnit.SECONDS)) {
          k.destroyForcibly();
        }
      } catch (IOException e) {
        // no kill program after all: the descendants are still signalled one by one
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
