package org.copr.repo.repository;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.copr.repo.Children;

/**
 * Runs an external tool (createrepo_c, rpm) to its end and keeps what it printed, with an
 * environment made from scratch ({@link Children}) and an empty HOME of its own (no ~/.rpmmacros).
 */
public final class Command {
  private static Path emptyHome;

  private Command() {}

  private static synchronized Path emptyHome() throws IOException {
    if (emptyHome == null || !Files.isDirectory(emptyHome)) {
      emptyHome = Files.createTempDirectory("copr-tool-home-");
    }
    return emptyHome;
  }

  public record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** The last lines, for reasons and logs that must stay short. */
    public String tail() {
      String trimmed = output.strip();
      return trimmed.length() <= 2000
          ? trimmed
          : "..." + trimmed.substring(trimmed.length() - 2000);
    }
  }

  public static Result run(List<String> command, Duration timeout) {
    Path out = null;
    try {
      // Output goes to a file: a chatty tool can never block on a full pipe.
      out = Files.createTempFile("copr-cmd-", ".out");
      Process p =
          Children.scratch(new ProcessBuilder(command), Map.of("HOME", emptyHome().toString()))
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        return new Result(-1, "timed out after " + timeout + ": " + String.join(" ", command));
      }
      return new Result(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, "cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "interrupted: " + String.join(" ", command));
    } finally {
      if (out != null) {
        try {
          Files.deleteIfExists(out);
        } catch (IOException ignored) {
          // a temp file left behind is harmless
        }
      }
    }
  }
}
