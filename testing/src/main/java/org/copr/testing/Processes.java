package org.copr.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end, or kills it and its children when it overruns; fails loudly. */
public final class Processes {
  private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  private Processes() {}

  public record Result(int exitCode, String output) {}

  public static Result run(Path dir, Map<String, String> env, List<String> command) {
    return run(dir, env, command, DEFAULT_TIMEOUT);
  }

  /**
   * Output goes to a file, not a pipe: a command that never ends, or leaves a child holding its
   * output open, cannot keep this from noticing the timeout.
   */
  public static Result run(
      Path dir, Map<String, String> env, List<String> command, Duration timeout) {
    Path output = null;
    try {
      output = Files.createTempFile("copr-process-", ".out");
      ProcessBuilder pb =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.environment().putAll(env);
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw new IllegalStateException(
            "timed out after " + timeout + ": " + command + "\n" + read(output));
      }
      return new Result(p.exitValue(), read(output));
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      if (output != null) {
        output.toFile().delete();
      }
    }
  }

  public static String check(Path dir, Map<String, String> env, List<String> command) {
    Result r = run(dir, env, command);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(command + " exited " + r.exitCode() + ":\n" + r.output());
    }
    return r.output();
  }

  private static String read(Path output) throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }
}
