package org.copr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.copr.client.CoprClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The help, the version and usage errors: nothing here needs the service. */
class HelpTest {
  /** The specification's commands and descriptions, word for word. */
  static final Map<String, String> SPECIFIED = new LinkedHashMap<>();

  static {
    SPECIFIED.put("list-coprs", "list all the available Coprs");
    SPECIFIED.put("info-copr", "get information about a specific Copr");
    SPECIFIED.put("create-copr", "create a new Copr");
    SPECIFIED.put("edit-copr", "edit an existing copr");
    SPECIFIED.put("delete-copr", "delete an existing copr");
    SPECIFIED.put("add-copr-deps", "add dependencies to a copr");
    SPECIFIED.put("remove-copr-deps", "remove dependencies from a copr");
    SPECIFIED.put("add-copr-releases", "add releases to a copr");
    SPECIFIED.put("remove-copr-releases", "remove releases from a copr");
    SPECIFIED.put("grant-copr", "grant permission on a copr");
    SPECIFIED.put("revoke-copr", "revoke permission on a copr");
    SPECIFIED.put("list-pkgs", "list all the packages in a copr");
    SPECIFIED.put("info-pkg", "get information on a package");
    SPECIFIED.put("create-pkg", "create a new package by uploading a srpm");
    SPECIFIED.put("delete-pkg", "delete a package");
  }

  static final List<String> ADDED =
      List.of(
          "list-builds",
          "info-build",
          "watch-build",
          "build-log",
          "cancel-build",
          "resubmit",
          "build-package",
          "new-api-token",
          "api-tokens",
          "revoke-api-token",
          "completion");

  @Test
  void helpListsTheSpecifiedCommandsWithTheirDescriptionsAndTheBuildCommands() {
    CoprRun.Result r = CoprRun.offline().run("--help");

    assertThat(r.exit()).isEqualTo(0);
    assertThat(r.out())
        .startsWith("Usage: copr [-h] [-v] [-u USERNAME] [-p] [--url URL]")
        .contains("Command line tool for interacting with Copr")
        .doesNotContain("Fedora");
    Map<String, String> listed = new LinkedHashMap<>();
    Matcher m =
        Pattern.compile("(?m)^  ([a-z-]+)\\s{2,}(\\S.*)$").matcher(r.out().split("Commands:")[1]);
    while (m.find()) {
      listed.put(m.group(1), m.group(2).strip());
    }
    SPECIFIED.forEach((name, description) -> assertThat(listed).containsEntry(name, description));
    assertThat(listed.keySet())
        .containsExactlyElementsOf(
            java.util.stream.Stream.concat(SPECIFIED.keySet().stream(), ADDED.stream()).toList());
    assertThat(r.out())
        .contains("-h, --help", "-v, --version", "-u, --username USERNAME", "-p, --password")
        .contains("--url URL", "an alternate url for the Copr service");
    assertThat(CoprRun.offline().run("-h").out()).isEqualTo(r.out());
  }

  @ParameterizedTest
  @CsvSource({
    "list-coprs, --owner USERNAME",
    "info-copr, COPR",
    "create-copr, NAME",
    "edit-copr, COPR",
    "delete-copr, COPR",
    "add-copr-deps, COPR DEPENDENCY...",
    "remove-copr-deps, COPR DEPENDENCY...",
    "add-copr-releases, COPR RELEASE...",
    "remove-copr-releases, COPR RELEASE...",
    "grant-copr, COPR USERNAME",
    "revoke-copr, COPR USERNAME",
    "list-pkgs, COPR",
    "info-pkg, COPR PACKAGE",
    "create-pkg, COPR SRPM",
    "delete-pkg, COPR PACKAGE",
    "list-builds, COPR",
    "info-build, ID",
    "watch-build, ID...",
    "build-log, ID",
    "cancel-build, ID",
    "resubmit, BUILD_ID",
    "resubmit, --chroot CHROOT",
    "build-package, COPR",
    "build-package, --name PKGNAME",
    "build-package, --timeout SECONDS",
    "new-api-token, --name NAME",
    "new-api-token, --expires-in DAYS",
    "revoke-api-token, ID",
  })
  void eachCommandsHelpShowsItsArguments(String command, String arguments) {
    CoprRun.Result r = CoprRun.offline().run(command, "--help");

    assertThat(r.exit()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).startsWith("Usage: copr " + command).contains("-h, --help");
    assertThat(r.out().replaceAll("\\s+", " ")).contains(arguments);
    if (SPECIFIED.containsKey(command)) {
      assertThat(r.out()).contains(SPECIFIED.get(command));
    }
  }

  @Test
  void readCommandsTakeOutputFormat() {
    for (String command :
        List.of("list-coprs", "info-copr", "list-pkgs", "info-pkg", "list-builds", "info-build")) {
      assertThat(CoprRun.offline().run(command, "--help").out())
          .as(command)
          .contains("-o, --output FORMAT");
    }
  }

  @Test
  void versionPrintsTheLibrarysVersion() {
    for (String flag : List.of("-v", "--version")) {
      CoprRun.Result r = CoprRun.offline().run(flag);
      assertThat(r.exit()).isEqualTo(0);
      assertThat(r.out().strip()).isEqualTo("copr " + CoprClient.VERSION);
    }
    assertThat(CoprClient.VERSION).matches("\\d+\\.\\d+.*");
  }

  @Test
  void usageErrorsAreOneLineWithExitCode2() {
    CoprRun.Result missing = CoprRun.offline().run("info-copr");
    assertThat(missing.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err().strip())
        .isEqualTo(
            "copr info-copr: Missing required parameter: 'COPR' (see 'copr info-copr --help')");
    assertThat(missing.out()).isEmpty();

    CoprRun.Result unknown = CoprRun.offline().run("make-coffee");
    assertThat(unknown.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(unknown.err()).contains("make-coffee").hasLineCount(1);

    CoprRun.Result badFormat = CoprRun.offline().run("list-coprs", "--output", "yaml");
    assertThat(badFormat.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(badFormat.err()).contains("yaml").contains("text, json");

    CoprRun.Result none = CoprRun.offline().run();
    assertThat(none.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(none.err()).contains("Usage: copr");
  }

  @Test
  void completionPrintsABashScriptForEveryCommand() {
    CoprRun.Result r = CoprRun.offline().run("completion");
    assertThat(r.exit()).isEqualTo(0);
    assertThat(r.out()).contains("complete -F").contains("_complete_copr");
    SPECIFIED.keySet().forEach(c -> assertThat(r.out()).contains(c));
  }
}
