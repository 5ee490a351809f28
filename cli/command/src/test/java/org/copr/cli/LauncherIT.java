package org.copr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.copr.client.ApiServiceProcess;
import org.copr.client.CoprJson;
import org.copr.testing.Processes;
import org.copr.testing.Repo;
import org.junit.jupiter.api.Test;

/** The executable that {@code mvn package} writes, run as a user runs it (after package). */
class LauncherIT {
  static final Path COPR = Repo.root().resolve("cli/target/copr");

  static Processes.Result copr(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of(COPR.toString()));
    command.addAll(List.of(args));
    return Processes.run(Path.of("."), env, command);
  }

  @Test
  void theLauncherIsExecutableAndShowsTheHelp() {
    assertThat(Files.isExecutable(COPR)).isTrue();
    Processes.Result help = copr(Map.of(), "--help");
    assertThat(help.exitCode()).isEqualTo(0);
    assertThat(help.output()).startsWith("Usage: copr ");
    HelpTest.SPECIFIED.forEach((name, description) -> assertThat(help.output()).contains(name));
  }

  @Test
  void theLauncherTalksToTheServiceWithCleanOutput() throws Exception {
    ApiServiceProcess api = ApiServiceProcess.shared();
    Map<String, String> env = Map.of("COPR_URL", api.url(), "COPR_CONFIG", "/dev/null");

    Processes.Result list = copr(env, "list-coprs", "-o", "json");
    assertThat(list.exitCode()).as(list.output()).isEqualTo(0);
    assertThat(CoprJson.mapper().readTree(list.output()).isArray()).isTrue();

    Processes.Result missing = copr(env, "info-copr", "no-such-copr-launcher");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(missing.output()).startsWith("copr: ").hasLineCount(1);

    Processes.Result noLogin = copr(env, "delete-copr", "x");
    assertThat(noLogin.exitCode()).isEqualTo(ExitCode.AUTH);
    assertThat(noLogin.output()).contains("needs a login").hasLineCount(1);
  }
}
