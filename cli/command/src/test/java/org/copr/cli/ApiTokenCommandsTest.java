package org.copr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.copr.client.ApiServiceProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * new-api-token, api-tokens and revoke-api-token against the real api-service, and a token used
 * from a config file as copr-cli writes it.
 */
class ApiTokenCommandsTest {
  private static final Pattern TOKEN = Pattern.compile("(?m)^token = (copr_[A-Za-z0-9_-]{59})$");

  static Users users;
  @TempDir Path dir;

  @BeforeAll
  static void users() {
    users = new Users();
  }

  static String url() {
    return ApiServiceProcess.shared().url();
  }

  /** A run with only this config file: no COPR_URL, COPR_USERNAME or COPR_PASSWORD. */
  CoprRun withConfig(String text) throws Exception {
    Path file = Files.createTempFile(dir, "copr", ".conf");
    Files.writeString(file, text);
    return CoprRun.anonymous().env("COPR_URL", null).env("COPR_CONFIG", file.toString());
  }

  static String token(CoprRun.Result r) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(0);
    Matcher m = TOKEN.matcher(r.out());
    assertThat(m.find()).as(r.out()).isTrue();
    return m.group(1);
  }

  @Test
  void newApiTokenPrintsConfigLinesThatLogInAsTheyAre() throws Exception {
    CoprRun.Result made = users.alice().run("new-api-token", "--name", "ci", "--expires-in", "30");

    String token = token(made);
    assertThat(made.out())
        .startsWith("# API token ")
        .contains(" (ci)\n[copr-cli]\n")
        .contains("\nusername = " + users.alice + "\n")
        .contains("\ncopr_url = " + url() + "\n")
        .contains("# expiration date: ");
    assertThat(made.err()).isEmpty();

    String copr = ApiServiceProcess.uniqueName("tok");
    CoprRun.Result created = withConfig(made.out()).run("create-copr", copr, "-r", "fedora-40");
    assertThat(created.exit()).as(created.toString()).isEqualTo(0);
    assertThat(created.out()).contains("owner:        " + users.alice);
    assertThat(created.out()).doesNotContain(token);
  }

  @Test
  void aCoprCliConfigWorksOnceItsUrlPointsHereUntilTheTokenIsRevoked() throws Exception {
    String token = token(users.bob().run("new-api-token"));
    // as copr-cli's config file is written, with that service's own API login name; like copr-cli,
    // the command reads only its [copr-cli] section
    CoprRun fedoraStyle =
        withConfig(
            "[copr-cli]\n"
                + "login = qwertyuiopasdfghjklzx\n"
                + "username = "
                + users.bob
                + "\n"
                + "token = "
                + token
                + "\n"
                + "copr_url = "
                + url()
                + "\n"
                + "# expiration date: 2027-05-30\n"
                + "\n[other]\ntoken = not-this-one\nusername = nor-this-one\n");

    CoprRun.Result created =
        fedoraStyle.run("create-copr", ApiServiceProcess.uniqueName("fed"), "-r", "fedora-40");
    assertThat(created.exit()).as(created.toString()).isEqualTo(0);
    assertThat(created.out()).contains("owner:        " + users.bob);

    CoprRun.Result listed = fedoraStyle.run("api-tokens");
    assertThat(listed.exit()).as(listed.toString()).isEqualTo(0);
    assertThat(listed.out()).startsWith("ID").contains("LAST USED").doesNotContain(token);
    JsonNode json = CoprRun.json(fedoraStyle.run("api-tokens", "-o", "json"));
    assertThat(json.size()).isEqualTo(1);
    assertThat(json.toString()).doesNotContain(token);
    assertThat(json.get(0).get("last_used_at").isNull()).isFalse();
    long id = json.get(0).get("id").asLong();

    CoprRun.Result revoked = users.bob().run("revoke-api-token", Long.toString(id));
    assertThat(revoked.exit()).as(revoked.toString()).isEqualTo(0);
    assertThat(revoked.out()).isEqualTo("API token " + id + " is revoked.\n");

    CoprRun.Result refused =
        fedoraStyle.run("create-copr", ApiServiceProcess.uniqueName("fed"), "-r", "fedora-40");
    assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCode.AUTH);
    assertThat(refused.err()).hasLineCount(1);
    CoprRun.Result again = users.bob().run("revoke-api-token", Long.toString(id));
    assertThat(again.exit()).as(again.toString()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void aTokenCannotMakeATokenButThePasswordBesideItCan() throws Exception {
    String token = token(users.alice().run("new-api-token", "-o", "text"));
    String tokenOnly = "username = " + users.alice + "\ncopr_url = " + url() + "\ntoken = " + token;

    CoprRun.Result refused = withConfig(tokenOnly + "\n").run("new-api-token");
    assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCode.AUTH);
    assertThat(refused.err())
        .startsWith("copr: new-api-token needs your password, not an API token")
        .hasLineCount(1);
    // the service refuses it too, whatever the client sends it as
    CoprRun.Result asPassword =
        withConfig(tokenOnly + "\n").env("COPR_PASSWORD", token).run("new-api-token");
    assertThat(asPassword.exit()).as(asPassword.toString()).isEqualTo(ExitCode.AUTH);
    assertThat(asPassword.err()).contains("an API token cannot make API tokens").hasLineCount(1);

    CoprRun withPassword =
        withConfig(tokenOnly + "\npassword_command = echo " + Users.password(users.alice) + "\n");
    JsonNode made = CoprRun.json(withPassword.run("new-api-token", "--name", "pw", "-o", "json"));
    assertThat(made.get("token").asText()).startsWith("copr_").isNotEqualTo(token);
    assertThat(made.get("name").asText()).isEqualTo("pw");
    assertThat(made.get("username").asText()).isEqualTo(users.alice);
    // the other commands log in with the file's token
    CoprRun.Result created =
        withPassword.run("create-copr", ApiServiceProcess.uniqueName("both"), "-r", "fedora-40");
    assertThat(created.exit()).as(created.toString()).isEqualTo(0);
  }

  @Test
  void aBadLifetimeIsTheServicesOneLineRefusal() {
    CoprRun.Result r = users.alice().run("new-api-token", "--expires-in", "400");
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.REJECTED);
    assertThat(r.err()).contains("expires_in_days: at most 365").hasLineCount(1);
  }
}
