package org.copr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.copr.client.ApiServiceProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where url, username and password come from, and what happens when they are wrong or missing. */
class LoginTest {
  static Users users;
  @TempDir Path dir;

  @BeforeAll
  static void users() {
    users = new Users();
  }

  Path config(String text) throws Exception {
    Path file = dir.resolve("copr.conf");
    Files.writeString(file, text);
    return file;
  }

  static String url() {
    return ApiServiceProcess.shared().url();
  }

  @Test
  void theConfigFileGivesUrlUsernameAndPassword() throws Exception {
    Path file =
        config(
            "[copr-cli]\n# mine\nurl = "
                + url()
                + "\nusername = "
                + users.alice
                + "\npassword = "
                + Users.password(users.alice)
                + "\n");
    CoprRun run = CoprRun.offline().env("COPR_URL", null).env("COPR_CONFIG", file.toString());

    CoprRun.Result r =
        run.run("create-copr", ApiServiceProcess.uniqueName("cfg"), "-r", "fedora-40");

    assertThat(r.exit()).as(r.toString()).isEqualTo(0);
    assertThat(r.out()).contains("owner:        " + users.alice);
  }

  @Test
  void environmentOverridesTheFileAndOptionsOverrideBoth() throws Exception {
    Path file = config("url = http://127.0.0.1:1\nusername = nobody\npassword = nothing\n");
    CoprRun run =
        CoprRun.offline()
            .env("COPR_CONFIG", file.toString())
            .env("COPR_URL", url())
            .env("COPR_USERNAME", users.bob)
            .env("COPR_PASSWORD", Users.password(users.bob));

    CoprRun.Result fromEnv =
        run.run("create-copr", ApiServiceProcess.uniqueName("env"), "-r", "fedora-40");
    assertThat(fromEnv.exit()).as(fromEnv.toString()).isEqualTo(0);
    assertThat(fromEnv.out()).contains("owner:        " + users.bob);

    CoprRun.Result badOption = run.run("--url", "http://127.0.0.1:1", "list-coprs");
    assertThat(badOption.exit()).isEqualTo(ExitCode.SERVICE);

    CoprRun.Result optionAfterCommand = run.run("list-coprs", "--url", "http://127.0.0.1:1");
    assertThat(optionAfterCommand.exit()).isEqualTo(ExitCode.SERVICE);

    CoprRun.Result otherUser =
        run.run("-u", users.alice, "create-copr", "x-" + users.alice, "-r", "fedora-40");
    assertThat(otherUser.exit()).as("bob's password is not alice's").isEqualTo(ExitCode.AUTH);
  }

  @Test
  void passwordCommandIsRunWhenNoPasswordIsGiven() throws Exception {
    Path file =
        config(
            "username = "
                + users.alice
                + "\npassword_command = echo "
                + Users.password(users.alice)
                + "\n");
    CoprRun run = CoprRun.anonymous().env("COPR_CONFIG", file.toString());
    CoprRun.Result r =
        run.run("create-copr", ApiServiceProcess.uniqueName("pwcmd"), "-r", "fedora-40");
    assertThat(r.exit()).as(r.toString()).isEqualTo(0);

    Path failing = config("username = " + users.alice + "\npassword_command = exit 3\n");
    CoprRun.Result failed =
        CoprRun.anonymous().env("COPR_CONFIG", failing.toString()).run("delete-copr", "whatever");
    assertThat(failed.exit()).isEqualTo(ExitCode.AUTH);
    assertThat(failed.err())
        .contains("password_command")
        .contains("failed (exit 3, no output)")
        .hasLineCount(1);
  }

  @Test
  void dashPAsksOnATerminalAndNeverPromptsWithoutOne() {
    CoprRun.Result typed =
        CoprRun.anonymous()
            .terminal(Users.password(users.alice))
            .run(
                "-u",
                users.alice,
                "-p",
                "create-copr",
                ApiServiceProcess.uniqueName("typed"),
                "-r",
                "fedora-40");
    assertThat(typed.exit()).as(typed.toString()).isEqualTo(0);

    CoprRun.Result noTerminal =
        CoprRun.anonymous().run("-u", users.alice, "-p", "create-copr", "never", "-r", "fedora-40");
    assertThat(noTerminal.exit()).isEqualTo(ExitCode.AUTH);
    assertThat(noTerminal.err())
        .isEqualTo(
            "copr: -p asks for the password on a terminal, but stdin is not one: set COPR_PASSWORD"
                + " or password_command in "
                + Path.of("target", "no-such-config").toAbsolutePath()
                + " instead\n");

    CoprRun.Result usernameOnly =
        CoprRun.anonymous().env("COPR_USERNAME", users.alice).run("delete-copr", "never");
    assertThat(usernameOnly.exit()).isEqualTo(ExitCode.AUTH);
    assertThat(usernameOnly.err())
        .contains("needs a login and no password was given")
        .hasLineCount(1);
  }

  @Test
  void anUnreachableServiceIsOneLineWithoutStackTraceUnlessDebug() {
    CoprRun.Result r = CoprRun.offline().run("list-coprs");
    assertThat(r.exit()).isEqualTo(ExitCode.SERVICE);
    assertThat(r.err())
        .isEqualTo(
            "copr: cannot reach the Copr service at http://127.0.0.1:1 (connection refused); is"
                + " api-service running there? Point --url or COPR_URL at it\n");

    CoprRun.Result debug = CoprRun.offline().run("--debug", "list-coprs");
    assertThat(debug.exit()).isEqualTo(ExitCode.SERVICE);
    assertThat(debug.err())
        .contains("debug: > GET http://127.0.0.1:1/coprs?limit=500&offset=0")
        .contains("org.copr.client.CoprException")
        .contains("\tat ");
  }

  @Test
  void debugShowsRequestsButNeverThePassword() {
    CoprRun.Result r = users.alice().run("info-copr", "no-such-copr-dbg", "--debug");
    assertThat(r.exit()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(r.err())
        .contains("debug: > GET " + url() + "/coprs/no-such-copr-dbg")
        .contains("debug: < 404");
    assertThat(r.err()).doesNotContain(Users.password(users.alice));
  }
}
