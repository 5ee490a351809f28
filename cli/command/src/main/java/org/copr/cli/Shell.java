package org.copr.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the command runs in: the environment variables, the output streams, and whether a person is
 * at a terminal (only then does it prompt, draw progress bars or use colour).
 *
 * @param prompt reads a password without echo; null when stdin is not a terminal
 */
public record Shell(
    Map<String, String> env,
    PrintWriter out,
    PrintWriter err,
    boolean terminal,
    PasswordPrompt prompt) {

  /** Asks for a secret on the terminal. */
  @FunctionalInterface
  public interface PasswordPrompt {
    char[] read(String prompt);
  }

  /** The real process: System.out/err, and the console when there is one. */
  public static Shell system() {
    Console console = System.console();
    return new Shell(
        System.getenv(),
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        console != null,
        console == null ? null : console::readPassword);
  }

  public String env(String name) {
    String v = env.get(name);
    return v == null || v.isBlank() ? null : v;
  }

  public boolean colour() {
    return terminal && env("NO_COLOR") == null;
  }

  /** {@code $COPR_CONFIG}, else {@code $XDG_CONFIG_HOME/copr}, else {@code ~/.config/copr}. */
  public Path configFile() {
    if (env("COPR_CONFIG") != null) {
      return Path.of(env("COPR_CONFIG"));
    }
    if (env("XDG_CONFIG_HOME") != null) {
      return Path.of(env("XDG_CONFIG_HOME"), "copr");
    }
    String home = env("HOME") != null ? env("HOME") : System.getProperty("user.home");
    return Path.of(home, ".config", "copr");
  }
}
