package org.copr.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.copr.client.ApiServiceProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The eleven copr commands against the real api-service. */
class CoprCommandsTest {
  static Users users;

  @BeforeAll
  static void users() {
    users = new Users();
  }

  @Test
  void createCoprPrintsTheNewCoprInTextOrJson() throws Exception {
    String name = ApiServiceProcess.uniqueName("hello");
    CoprRun.Result text =
        users
            .alice()
            .run(
                "create-copr",
                name,
                "-d",
                "Hello packages",
                "-r",
                "fedora-40,epel-9",
                "-a",
                "x86_64",
                "-a",
                "aarch64");

    assertThat(text.exit()).as(text.toString()).isEqualTo(0);
    assertThat(text.out())
        .contains("name:         " + name + "\n")
        .contains("owner:        " + users.alice + "\n")
        .contains("description:  Hello packages\n")
        .contains("releases:     epel-9, fedora-40\n")
        .contains("epel-9-aarch64", "epel-9-x86_64", "fedora-40-aarch64", "fedora-40-x86_64");
    assertThat(text.err()).isEmpty();

    String other = ApiServiceProcess.uniqueName("json");
    JsonNode copr =
        CoprRun.json(
            users
                .alice()
                .run(
                    "create-copr",
                    other,
                    "--release",
                    "fedora-40",
                    "--dependency",
                    name,
                    "-o",
                    "json"));
    assertThat(copr.get("name").asText()).isEqualTo(other);
    assertThat(copr.get("arches").toString()).isEqualTo("[\"x86_64\"]");
    assertThat(copr.get("dependencies").toString()).isEqualTo("[\"" + name + "\"]");
    assertThat(copr.has("created_at")).isTrue();
  }

  @Test
  void createCoprFailures() {
    String name = users.newCopr("taken", "-r", "fedora-40");

    CoprRun.Result taken = users.bob().run("create-copr", name, "-r", "fedora-40");
    assertThat(taken.exit()).isEqualTo(ExitCode.REJECTED);
    assertThat(taken.err())
        .startsWith("copr: ")
        .contains(name)
        .contains("409 conflict")
        .hasLineCount(1);

    CoprRun.Result badRelease =
        users.alice().run("create-copr", ApiServiceProcess.uniqueName("bad"), "-r", "Fedora 40");
    assertThat(badRelease.exit()).isEqualTo(ExitCode.REJECTED);
    assertThat(badRelease.err()).contains("release").hasLineCount(1);

    CoprRun.Result noLogin = CoprRun.anonymous().run("create-copr", "x", "-r", "fedora-40");
    assertThat(noLogin.exit()).isEqualTo(ExitCode.AUTH);
    assertThat(noLogin.err().strip())
        .startsWith("copr: create-copr needs a login: give -u USERNAME -p, or set COPR_USERNAME");

    CoprRun.Result wrongPassword =
        CoprRun.as(users.alice, "wrong-password").run("create-copr", "x", "-r", "fedora-40");
    assertThat(wrongPassword.exit()).isEqualTo(ExitCode.AUTH);
    assertThat(wrongPassword.err())
        .contains("HTTP 401")
        .contains("check the username and password");

    CoprRun.Result noRelease = users.alice().run("create-copr", "x");
    assertThat(noRelease.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(noRelease.err()).contains("--release");
  }

  @Test
  void listCoprsShowsAlignedColumnsOrJson() throws Exception {
    String first = users.newCopr("list-a", "-r", "fedora-40", "-d", "first one");
    String second = users.newCopr("list-bb", "-r", "epel-9", "-d", "second");

    CoprRun.Result text = CoprRun.anonymous().run("list-coprs", "--owner", users.alice);
    assertThat(text.exit()).as(text.toString()).isEqualTo(0);
    String[] lines = text.out().split("\n");
    assertThat(lines[0]).startsWith("NAME").contains("OWNER", "CHROOTS", "DESCRIPTION");
    assertThat(text.out())
        .contains(first)
        .contains(second)
        .contains("fedora-40-x86_64")
        .contains("first one");
    int ownerColumn = lines[0].indexOf("OWNER");
    for (String line : lines) {
      if (line.contains(first) || line.contains(second)) {
        assertThat(line.indexOf(users.alice)).isEqualTo(ownerColumn);
      }
    }

    JsonNode all = CoprRun.json(CoprRun.anonymous().run("list-coprs", "-o", "json"));
    assertThat(all.isArray()).isTrue();
    assertThat(all.findValuesAsText("name")).contains(first, second);

    CoprRun.Result none = CoprRun.anonymous().run("list-coprs", "--owner", "nobody-has-this-name");
    assertThat(none.exit()).isEqualTo(0);
    assertThat(none.out()).isEqualTo("No coprs.\n");
  }

  @Test
  void infoCoprInTextAndJsonAndNotFound() throws Exception {
    String name = users.newCopr("info", "-r", "fedora-40", "-d", "Info here");

    CoprRun.Result text = CoprRun.anonymous().run("info-copr", name);
    assertThat(text.exit()).isEqualTo(0);
    assertThat(text.out())
        .contains("name:         " + name)
        .contains("chroots:      fedora-40-x86_64")
        .contains("dependencies: -")
        .contains("permissions:  -");

    assertThat(
            CoprRun.json(CoprRun.anonymous().run("info-copr", name, "--output", "json"))
                .get("description")
                .asText())
        .isEqualTo("Info here");

    CoprRun.Result missing = CoprRun.anonymous().run("info-copr", "no-such-copr-here");
    assertThat(missing.exit()).isEqualTo(ExitCode.NOT_FOUND);
    assertThat(missing.err())
        .startsWith("copr: ")
        .contains("no-such-copr-here")
        .contains("404")
        .hasLineCount(1);
    assertThat(missing.out()).isEmpty();
  }

  @Test
  void editCoprChangesWhatIsGivenOnly() throws Exception {
    String name = users.newCopr("edit", "-r", "fedora-40", "-d", "before");

    CoprRun.Result text = users.alice().run("edit-copr", name, "-d", "after");
    assertThat(text.exit()).as(text.toString()).isEqualTo(0);
    assertThat(text.out()).contains("description:  after").contains("releases:     fedora-40");

    JsonNode edited =
        CoprRun.json(users.alice().run("edit-copr", name, "-r", "epel-9", "-o", "json"));
    assertThat(edited.get("releases").toString()).isEqualTo("[\"epel-9\"]");
    assertThat(edited.get("description").asText()).isEqualTo("after");

    CoprRun.Result nothing = users.alice().run("edit-copr", name);
    assertThat(nothing.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(nothing.err()).contains("changes nothing");

    CoprRun.Result notOwner = users.bob().run("edit-copr", name, "-d", "mine now");
    assertThat(notOwner.exit()).isEqualTo(ExitCode.AUTH);
    assertThat(notOwner.err()).contains("403");
    assertThat(CoprRun.anonymous().run("info-copr", name).out()).contains("description:  after");
  }

  @Test
  void deleteCopr() {
    String name = users.newCopr("gone", "-r", "fedora-40");

    CoprRun.Result notOwner = users.bob().run("delete-copr", name);
    assertThat(notOwner.exit()).isEqualTo(ExitCode.AUTH);

    CoprRun.Result deleted = users.alice().run("delete-copr", name);
    assertThat(deleted.exit()).isEqualTo(0);
    assertThat(deleted.out()).isEqualTo("Deleted copr " + name + ".\n");
    assertThat(CoprRun.anonymous().run("info-copr", name).exit()).isEqualTo(ExitCode.NOT_FOUND);

    CoprRun.Result again = users.alice().run("delete-copr", name);
    assertThat(again.exit()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void addAndRemoveDependencies() throws Exception {
    String base = users.newCopr("base", "-r", "fedora-40");
    String extra = users.newCopr("extra", "-r", "fedora-40");
    String name = users.newCopr("deps", "-r", "fedora-40");

    CoprRun.Result added = users.alice().run("add-copr-deps", name, base, extra);
    assertThat(added.exit()).as(added.toString()).isEqualTo(0);
    assertThat(added.out())
        .contains(
            "dependencies: "
                + String.join(", ", java.util.stream.Stream.of(base, extra).sorted().toList()));

    JsonNode removed =
        CoprRun.json(users.alice().run("remove-copr-deps", name, base, "-o", "json"));
    assertThat(removed.get("dependencies").toString()).isEqualTo("[\"" + extra + "\"]");

    CoprRun.Result unknown = users.alice().run("add-copr-deps", name, "no-such-copr-dep");
    assertThat(unknown.exit()).isIn(ExitCode.NOT_FOUND, ExitCode.REJECTED);
    assertThat(unknown.err()).contains("no-such-copr-dep");

    CoprRun.Result noValues = users.alice().run("add-copr-deps", name);
    assertThat(noValues.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(noValues.err()).contains("DEPENDENCY");
  }

  @Test
  void addAndRemoveReleases() throws Exception {
    String name = users.newCopr("rels", "-r", "fedora-40");

    CoprRun.Result added = users.alice().run("add-copr-releases", name, "epel-9", "fedora-41");
    assertThat(added.exit()).as(added.toString()).isEqualTo(0);
    assertThat(added.out()).contains("releases:     epel-9, fedora-40, fedora-41");

    JsonNode removed =
        CoprRun.json(
            users.alice().run("remove-copr-releases", name, "fedora-40", "--output", "json"));
    assertThat(removed.get("chroots").toString()).doesNotContain("fedora-40-");

    CoprRun.Result bad = users.alice().run("add-copr-releases", name, "NotARelease");
    assertThat(bad.exit()).isEqualTo(ExitCode.REJECTED);

    CoprRun.Result notOwner = users.bob().run("remove-copr-releases", name, "epel-9");
    assertThat(notOwner.exit()).isEqualTo(ExitCode.AUTH);

    CoprRun.Result missing = users.alice().run("add-copr-releases", "no-such-copr-rel", "epel-9");
    assertThat(missing.exit()).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void grantAndRevokePermissions() throws Exception {
    String name = users.newCopr("perm", "-r", "fedora-40");

    CoprRun.Result granted = users.alice().run("grant-copr", name, users.bob);
    assertThat(granted.exit()).as(granted.toString()).isEqualTo(0);
    assertThat(granted.out()).contains("permissions:  " + users.bob + " (builder)");

    JsonNode admin =
        CoprRun.json(
            users
                .alice()
                .run("grant-copr", name, users.bob, "--permission", "admin", "-o", "json"));
    assertThat(admin.get("permissions").toString()).contains("\"admin\"");
    assertThat(users.bob().run("edit-copr", name, "-d", "bob was here").exit()).isEqualTo(0);

    CoprRun.Result revoked = users.alice().run("revoke-copr", name, users.bob);
    assertThat(revoked.exit()).as(revoked.toString()).isEqualTo(0);
    assertThat(users.bob().run("edit-copr", name, "-d", "again").exit()).isEqualTo(ExitCode.AUTH);

    CoprRun.Result badPermission =
        users.alice().run("grant-copr", name, users.bob, "--permission", "king");
    assertThat(badPermission.exit()).isEqualTo(ExitCode.USAGE);
    assertThat(badPermission.err()).contains("builder, admin");

    CoprRun.Result noUser = users.alice().run("grant-copr", name, "no-such-user-here");
    assertThat(noUser.exit()).isIn(ExitCode.NOT_FOUND, ExitCode.REJECTED);
    assertThat(noUser.err()).contains("no-such-user-here");
  }
}
