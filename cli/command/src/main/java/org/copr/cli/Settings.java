package org.copr.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.copr.client.CoprClient;

/**
 * Where the command connects and as whom: the config file, overridden by COPR_URL, COPR_USERNAME
 * and COPR_PASSWORD, overridden by the options. The password (or an API token, which HTTP Basic
 * takes in its place) is looked for only when a command needs a login. The file may also be
 * copr-cli's own ({@code [copr-cli]} with {@code copr_url}, {@code login}, {@code username}, {@code
 * token}), so that such a file works once its URL points here.
 */
final class Settings {
  private static final String COPR_CLI = "copr-cli";

  private final Shell shell;
  private final GlobalOptions options;
  private final Map<String, String> file;

  Settings(Shell shell, GlobalOptions options) {
    this.shell = shell;
    this.options = options;
    this.file = readConfig(shell.configFile());
  }

  String url() {
    return first(
        options.url,
        shell.env("COPR_URL"),
        file.get("url"),
        file.get("copr_url"),
        CoprClient.DEFAULT_URL);
  }

  String username() {
    // copr-cli's login is an API login name of its own service; here HTTP Basic wants the username
    return first(
        options.username, shell.env("COPR_USERNAME"), file.get("username"), file.get("login"));
  }

  /**
   * What {@code command} logs in with: the password, or the config file's API token before the
   * file's password; fails clearly if none.
   */
  String secret(String command) {
    if (!options.askPassword && shell.env("COPR_PASSWORD") == null && file.get("token") != null) {
      return file.get("token");
    }
    return password(command);
  }

  /**
   * The password for {@code command} (never the file's token), asking for it when -p says so; fails
   * clearly if none.
   */
  String password(String command) {
    if (options.askPassword) {
      return prompt(command);
    }
    String password = first(shell.env("COPR_PASSWORD"), file.get("password"));
    if (password == null && file.get("password_command") != null) {
      password = runPasswordCommand(file.get("password_command"));
    }
    if (password == null && shell.prompt() != null && username() != null) {
      password = prompt(command);
    }
    if (password == null && file.get("token") != null) {
      throw new CliException(
          ExitCode.AUTH,
          command
              + " needs your password, not an API token, and none was given: use -p on a"
              + " terminal, or set COPR_PASSWORD, or password_command in "
              + shell.configFile());
    }
    if (password == null) {
      throw new CliException(
          ExitCode.AUTH,
          command
              + " needs a login and no password was given: use -u USERNAME -p on a terminal, or set"
              + " COPR_PASSWORD, or password/password_command in "
              + shell.configFile());
    }
    return password;
  }

  private String prompt(String command) {
    if (shell.prompt() == null) {
      throw new CliException(
          ExitCode.AUTH,
          "-p asks for the password on a terminal, but stdin is not one: set COPR_PASSWORD or"
              + " password_command in "
              + shell.configFile()
              + " instead");
    }
    if (username() == null) {
      throw new CliException(
          ExitCode.AUTH, command + " needs a login: give -u USERNAME (or set COPR_USERNAME)");
    }
    char[] typed = shell.prompt().read("Password for " + username() + " at " + url() + ": ");
    if (typed == null || typed.length == 0) {
      throw new CliException(ExitCode.AUTH, "no password typed; " + command + " needs one");
    }
    return new String(typed);
  }

  private String runPasswordCommand(String commandLine) {
    try {
      Process p =
          new ProcessBuilder(List.of("sh", "-c", commandLine))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = p.waitFor();
      String line = out.lines().findFirst().orElse("");
      if (exit != 0 || line.isEmpty()) {
        throw new CliException(
            ExitCode.AUTH,
            "password_command in "
                + shell.configFile()
                + " failed (exit "
                + exit
                + (line.isEmpty() ? ", no output" : "")
                + "): fix it or set COPR_PASSWORD");
      }
      return line;
    } catch (IOException e) {
      throw new CliException(ExitCode.AUTH, "cannot run password_command: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliException(ExitCode.AUTH, "interrupted while running password_command");
    }
  }

  /**
   * {@code key = value} lines; {@code #} comments are skipped. Section headers are skipped too,
   * except that a file with a {@code [copr-cli]} section (copr-cli's own) is read from that section
   * alone (and from lines before any header), as copr-cli reads it.
   */
  static Map<String, String> readConfig(Path path) {
    Map<String, String> all = new HashMap<>();
    Map<String, String> coprCli = new HashMap<>();
    boolean hasCoprCli = false;
    if (!Files.isRegularFile(path)) {
      return all;
    }
    try {
      String section = null;
      for (String raw : Files.readAllLines(path)) {
        String line = raw.strip();
        if (line.startsWith("[") && line.endsWith("]")) {
          section = line.substring(1, line.length() - 1).strip();
          hasCoprCli |= section.equals(COPR_CLI);
          continue;
        }
        int eq = line.indexOf('=');
        if (line.startsWith("#") || line.startsWith("[") || eq < 0) {
          continue;
        }
        String key = line.substring(0, eq).strip();
        String value = line.substring(eq + 1).strip();
        if (!value.isEmpty()) {
          all.put(key, value);
          if (section == null || section.equals(COPR_CLI)) {
            coprCli.put(key, value);
          }
        }
      }
    } catch (IOException e) {
      throw new CliException(ExitCode.USAGE, "cannot read " + path + ": " + e.getMessage());
    }
    return hasCoprCli ? coprCli : all;
  }

  private static String first(String... candidates) {
    for (String c : candidates) {
      if (c != null && !c.isBlank()) {
        return c;
      }
    }
    return null;
  }
}
