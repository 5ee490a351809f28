package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.copr.testing.Processes;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fedora's clients against the stack over HTTPS: Packit's calls through python-copr, and dnf's own
 * copr plugin (dnf-plugins-core, as dev/setup installs it) against the stack over HTTPS: {@code dnf
 * copr enable --hub https://127.0.0.1:<port> owner/copr chroot} writes the repo file this Copr
 * hands out, and dnf installs a package built in that copr from it, checking its signature
 * (gpgcheck=1). The plugin's configuration, the repo folder and the installed root are the test's
 * own; the machine's /etc is never read for repositories nor written.
 */
class FedoraClientsTest {
  private static final String USER = "dana";
  private static final String PASSWORD = "dana-secret-1";
  private static final String COPR = "gadgets";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration BUILD_TIME = Duration.ofMinutes(3);

  private static Path work;
  private static Stack stack;

  @BeforeAll
  static void up() throws Exception {
    work = Files.createTempDirectory("copr-e2e-dnf-copr-");
    stack = new Stack(work.resolve("stack"), 1);
    stack.up();
    stack.newUser(USER, PASSWORD);
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void dnfCoprEnableOverHttpsThenInstallsASignedPackageBuiltInTheCopr() throws Exception {
    ok(stack.copr(USER, PASSWORD, "create-copr", COPR, "--release", "fedora-40"));
    Path srpm =
        TestRpms.srpm(work.resolve("srpms"), "hello-gadget", "2.1", TestRpms.Options.defaults());
    ok(stack.copr(USER, PASSWORD, "create-pkg", COPR, srpm.toString()));
    Path root = work.resolve("root");
    Path reposDir = Files.createDirectories(work.resolve("repos.d"));
    Path pluginConf = Files.createDirectories(work.resolve("plugins"));
    Files.createDirectories(pluginConf.resolve("copr.d"));
    // The plugin reads its hubs from copr.conf and copr.d/ under pluginconfpath; --hub needs the
    // file.
    Files.writeString(pluginConf.resolve("copr.conf"), "[main]\n");
    List<String> dnf =
        List.of(
            "dnf",
            "-y",
            // Only the copr plugin: the machine's others (versionlock, local, ...) read their
            // settings from the pluginconfpath this test replaces.
            "--disableplugin=*",
            "--enableplugin=copr",
            "--installroot=" + root,
            "--releasever=40",
            "--setopt=reposdir=" + reposDir,
            "--setopt=pluginconfpath=" + pluginConf,
            "--setopt=cachedir=" + work.resolve("cache"),
            "--setopt=install_weak_deps=0");
    String hub = stack.apiTlsUrl();

    // Without the stack's CA the plugin refuses the server: the TLS is real.
    Processes.Result untrusted =
        run(
            dnf,
            Map.of("SSL_CERT_FILE", "/etc/ssl/certs/ca-certificates.crt"),
            "copr",
            "enable",
            "--hub",
            hub,
            USER + "/" + COPR,
            "fedora-40-x86_64");
    assertThat(untrusted.exitCode()).as(untrusted.output()).isNotZero();
    assertThat(untrusted.output()).contains("CERTIFICATE_VERIFY_FAILED");
    assertThat(reposDir).isEmptyDirectory();

    Map<String, String> trusted = Map.of("SSL_CERT_FILE", stack.caFile().toString());
    Processes.Result missing =
        run(dnf, trusted, "copr", "enable", "--hub", hub, USER + "/" + COPR, "epel-9-x86_64");
    assertThat(missing.exitCode()).as(missing.output()).isNotZero();
    assertThat(missing.output())
        .contains(
            "Repository 'epel-9-x86_64' does not exist in project '" + USER + "/" + COPR + "'")
        .contains("Available repositories: 'fedora-40-x86_64'");
    Processes.Result otherOwner =
        run(dnf, trusted, "copr", "enable", "--hub", hub, "admin/" + COPR, "fedora-40-x86_64");
    assertThat(otherOwner.exitCode()).as(otherOwner.output()).isNotZero();
    assertThat(otherOwner.output()).contains("Project admin/" + COPR + " does not exist.");
    assertThat(reposDir).isEmptyDirectory();

    Processes.Result enable =
        run(dnf, trusted, "copr", "enable", "--hub", hub, USER + "/" + COPR, "fedora-40-x86_64");

    assertThat(enable.exitCode()).as(enable.output()).isZero();
    assertThat(enable.output()).contains("Repository successfully enabled.");
    Path repoFile = reposDir.resolve("_copr:127.0.0.1:" + USER + ":" + COPR + ".repo");
    assertThat(repoFile).exists();
    assertThat(Files.readString(repoFile))
        .startsWith("[copr:127.0.0.1:" + USER + ":" + COPR + "]\n")
        .contains("\ngpgcheck=1\n")
        .contains("\ngpgkey=" + stack.repoUrl() + "/" + COPR + "/pubkey.gpg\n");

    Processes.Result install = run(dnf, Map.of(), "--refresh", "install", "hello-gadget");

    assertThat(install.exitCode()).as(install.output()).isZero();
    assertThat(install.output())
        .contains("Importing GPG key 0x")
        .contains("Copr repo for " + COPR + " owned by " + USER);
    assertThat(
            Processes.check(
                    work, Map.of(), List.of("sh", root.resolve("usr/bin/hello-gadget").toString()))
                .trim())
        .isEqualTo("hello-gadget 2.1");
  }

  /**
   * Packit's calls for a pull request, as packit/copr_helper.py and packit/api.py make them through
   * python-copr (bodies with every key python-copr sends, nulls included): chroots available →
   * project add with exist_ok=True (twice: the second finds it) → get → edit with the union of
   * chroots → chroot get and edit (multipart, nothing to change) → SRPM upload → poll the build
   * until it ends, over HTTPS with only the stack's CA trusted.
   */
  @Test
  void packitsSequenceBuildsAPullRequestsSrpm() throws Exception {
    FedoraClient packit = new FedoraClient(stack, USER, token(USER, PASSWORD));
    String project = "packit-pr-1";

    JsonNode chroots = packit.get("/mock-chroots/list");
    assertThat(chroots.has("fedora-42-x86_64")).as(chroots.toString()).isTrue();
    assertThat(chroots.has("epel-9-x86_64")).as(chroots.toString()).isTrue();

    Map<String, Object> add = new LinkedHashMap<>();
    add.put("name", project);
    add.put("chroots", List.of("fedora-42-x86_64"));
    add.put("description", "Continuous builds initiated by packit service.");
    add.put("instructions", "You can check out the upstream project at https://example.org/x");
    add.put("homepage", null);
    add.put("contact", "https://github.com/packit/packit/issues");
    add.put("additional_repos", List.of());
    add.put("unlisted_on_hp", true);
    add.put("enable_net", false);
    add.put("persistent", false);
    add.put("auto_prune", true);
    add.put("bootstrap", null);
    add.put("bootstrap_image", null);
    add.put("isolation", null);
    add.put("follow_fedora_branching", true);
    add.put("devel_mode", false);
    add.put("delete_after_days", 60);
    add.put("multilib", false);
    add.put("module_hotfixes", false);
    add.put("fedora_review", null);
    add.put("appstream", false);
    add.put("runtime_dependencies", null);
    add.put("packit_forge_projects_allowed", null);
    add.put("repo_priority", null);
    add.put("storage", null);
    String addPath = "/project/add/" + USER + "?ownername=" + USER + "&exist_ok=True";
    JsonNode created = packit.send("POST", addPath, add);
    assertThat(created.get("full_name").asText()).isEqualTo(USER + "/" + project);
    assertThat(fieldNames(created.get("chroot_repos"))).containsExactly("fedora-42-x86_64");
    JsonNode again = packit.send("POST", addPath, add);
    assertThat(again.get("id").asLong()).isEqualTo(created.get("id").asLong());

    JsonNode got = packit.get("/project?ownername=" + USER + "&projectname=" + project);
    assertThat(got.get("instructions").asText()).isEqualTo(add.get("instructions"));
    assertThat(got.get("unlisted_on_hp").asBoolean()).isTrue();

    Map<String, Object> edit = new LinkedHashMap<>();
    edit.put("chroots", List.of("fedora-42-x86_64", "epel-9-x86_64"));
    for (String key :
        List.of(
            "description",
            "instructions",
            "homepage",
            "contact",
            "repos",
            "unlisted_on_hp",
            "enable_net",
            "auto_prune",
            "bootstrap",
            "isolation",
            "follow_fedora_branching",
            "bootstrap_image",
            "devel_mode",
            "delete_after_days",
            "multilib",
            "module_hotfixes",
            "fedora_review",
            "appstream",
            "runtime_dependencies",
            "packit_forge_projects_allowed",
            "repo_priority")) {
      edit.put(key, null);
    }
    JsonNode edited =
        packit.send(
            "PUT",
            "/project/edit/"
                + USER
                + "/"
                + project
                + "?ownername="
                + USER
                + "&projectname="
                + project,
            edit);
    assertThat(fieldNames(edited.get("chroot_repos")))
        .containsExactlyInAnyOrder("fedora-42-x86_64", "epel-9-x86_64");

    String chrootQuery =
        "?ownername=" + USER + "&projectname=" + project + "&chrootname=fedora-42-x86_64";
    JsonNode chroot = packit.get("/project-chroot" + chrootQuery);
    assertThat(chroot.get("additional_packages")).isEmpty();
    Map<String, Object> chrootEdit = new LinkedHashMap<>();
    chrootEdit.put("additional_packages", List.of());
    chrootEdit.put("additional_repos", List.of());
    JsonNode chrootEdited =
        packit.multipart(
            "PUT",
            "/project-chroot/edit/" + USER + "/" + project + "/fedora-42-x86_64",
            chrootEdit,
            null);
    assertThat(chrootEdited.get("mock_chroot").asText()).isEqualTo("fedora-42-x86_64");

    Path srpm =
        TestRpms.srpm(work.resolve("srpms"), "hello-packit", "0.1", TestRpms.Options.defaults());
    Map<String, Object> upload = new LinkedHashMap<>();
    upload.put("ownername", USER);
    upload.put("projectname", project);
    upload.put("project_dirname", null);
    upload.put("enable_net", false);
    JsonNode build = packit.multipart("POST", "/build/create/upload", upload, srpm);
    long id = build.get("id").asLong();
    assertThat(build.get("chroots"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("fedora-42-x86_64", "epel-9-x86_64");

    JsonNode ended = null;
    for (Instant end = Instant.now().plus(BUILD_TIME); Instant.now().isBefore(end); ) {
      JsonNode b = packit.get("/build/" + id);
      if (b.get("state").asText().matches("succeeded|failed|canceled|skipped")) {
        ended = b;
        break;
      }
      Thread.sleep(500);
    }
    assertThat(ended).as("build %d did not end", id).isNotNull();
    assertThat(ended.get("state").asText()).as(ended.toString()).isEqualTo("succeeded");
    assertThat(ended.get("source_package").get("name").asText()).isEqualTo("hello-packit");
    assertThat(ended.get("source_package").get("version").asText()).isEqualTo("0.1-1");
    assertThat(ended.get("ended_on").asLong())
        .isGreaterThanOrEqualTo(ended.get("started_on").asLong());
  }

  /** An API token of the user, made with the password, as ~/.config/copr holds it. */
  private static String token(String user, String password) throws Exception {
    var made = stack.api("POST", "/users/me/tokens", "{\"name\": \"packit\"}", user, password);
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    return JSON.readTree(made.body()).get("token").asText();
  }

  private static List<String> fieldNames(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static Processes.Result run(List<String> dnf, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(dnf);
    cmd.addAll(List.of(args));
    return Processes.run(work, env, cmd);
  }

  private static void ok(Processes.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
  }
}
