package org.copr.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end and fails loudly with its output when it fails. */
public final class Processes {
  private Processes() {}

  public record Result(int exitCode, String output) {}

  public static Result run(Path dir, Map<String, String> env, List<String> command) {
    try {
      ProcessBuilder pb =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      return new Result(p.exitValue(), out);
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static String check(Path dir, Map<String, String> env, List<String> command) {
    Result r = run(dir, env, command);
    if (r.exitCode() != 0) {
      throw new IllegalStateException(command + " exited " + r.exitCode() + ":\n" + r.output());
    }
    return r.output();
  }
}
