package org.copr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.copr.client.ApiServiceProcess;
import org.copr.client.CoprJson;

/**
 * Runs the {@code copr} command through its real entry point ({@link Cli#run}, what the process's
 * main calls) in a chosen environment, and keeps what it printed.
 */
final class CoprRun {
  private final Map<String, String> env = new HashMap<>();
  private Shell.PasswordPrompt prompt;

  private CoprRun(String url) {
    env.put("COPR_URL", url);
    env.put("COPR_CONFIG", Path.of("target", "no-such-config").toAbsolutePath().toString());
  }

  /** Against the test api-service, without a login. */
  static CoprRun anonymous() {
    return new CoprRun(ApiServiceProcess.shared().url());
  }

  static CoprRun offline() {
    return new CoprRun("http://127.0.0.1:1");
  }

  /** Against the test api-service, logged in through COPR_USERNAME and COPR_PASSWORD. */
  static CoprRun as(String username, String password) {
    return anonymous().env("COPR_USERNAME", username).env("COPR_PASSWORD", password);
  }

  CoprRun env(String name, String value) {
    if (value == null) {
      env.remove(name);
    } else {
      env.put(name, value);
    }
    return this;
  }

  /** As if a person were at a terminal typing {@code password} when asked. */
  CoprRun terminal(String password) {
    this.prompt = text -> password.toCharArray();
    return this;
  }

  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Shell shell =
        new Shell(
            Map.copyOf(env),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            prompt != null,
            prompt);
    int exit = Cli.run(shell, args);
    return new Result(exit, out.toString(), err.toString());
  }

  /** The JSON a successful command printed. */
  static JsonNode json(Result r) throws Exception {
    assertThat(r.exit()).as(r.toString()).isEqualTo(0);
    return CoprJson.mapper().readTree(r.out());
  }

  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
