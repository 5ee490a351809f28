package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.copr.testing.Processes;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * dnf's own copr plugin (dnf-plugins-core, as dev/setup installs it) against the stack over HTTPS:
 * {@code dnf copr enable --hub https://127.0.0.1:<port> owner/copr chroot} writes the repo file
 * this Copr hands out, and dnf installs a package built in that copr from it, checking its
 * signature (gpgcheck=1). The plugin's configuration, the repo folder and the installed root are
 * the test's own; the machine's /etc is never read for repositories nor written.
 */
class DnfCoprPluginTest {
  private static final String USER = "dana";
  private static final String PASSWORD = "dana-secret-1";
  private static final String COPR = "gadgets";

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

  private static Processes.Result run(List<String> dnf, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>(dnf);
    cmd.addAll(List.of(args));
    return Processes.run(work, env, cmd);
  }

  private static void ok(Processes.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
  }
}
