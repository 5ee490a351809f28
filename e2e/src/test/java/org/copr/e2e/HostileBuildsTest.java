package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.copr.testing.Dnf;
import org.copr.testing.HostileRpms;
import org.copr.testing.Processes;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile SRPMs against the running system (issue 23): BuildRequires patched into the header after
 * rpmbuild ({@code --destdir=} a host folder, an http URL) are refused at upload naming the entry;
 * a build allocating 6 GiB and one leaving sparse files of more than the results' bound fail with
 * reasons a user can read; nothing is written outside the sandbox or fetched; then an honest build
 * succeeds and dnf installs it.
 */
class HostileBuildsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Path work;
  private static Stack stack;

  @BeforeAll
  static void up() throws Exception {
    work = Files.createTempDirectory("copr-e2e-hostile-");
    stack = new Stack(work.resolve("stack"), 1);
    stack.up();
    stack.newUser("mallory", "mallory-secret-1");
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void hostileSrpmsAreRefusedOrBoundedAndTheNextHonestBuildInstalls() throws Exception {
    ok(copr("create-copr", "hostile", "--release", "fedora-40"));
    Path hostDir = Files.createTempDirectory(work, "destdir-");
    Files.setPosixFilePermissions(hostDir, PosixFilePermissions.fromString("rwxrwxrwx"));
    List<String> fetched = Collections.synchronizedList(new ArrayList<>());
    HttpServer probe = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    probe.createContext(
        "/",
        exchange -> {
          fetched.add(exchange.getRequestURI().getPath());
          exchange.sendResponseHeaders(404, -1);
          exchange.close();
        });
    probe.start();
    try {
      String url = "http://127.0.0.1:" + probe.getAddress().getPort() + "/ssrf-probe.rpm";
      for (String entry : List.of("--destdir=" + hostDir, url)) {
        Path srpm =
            HostileRpms.withBuildRequires(work.resolve("srpms"), "hello-patched", "1.0", entry);
        Processes.Result r = copr("create-pkg", "hostile", srpm.toString());
        assertThat(r.exitCode()).as(r.output()).isNotZero();
        assertThat(r.output())
            .contains("BuildRequires \"" + shown(entry) + "\" is not a dependency")
            .contains(entry.startsWith("-") ? "it starts with '-'" : "it is a URL");
      }
      HttpResponse<String> packages = stack.api("GET", "/coprs/hostile/packages", null, null, null);
      assertThat(packages.body()).doesNotContain("hello-patched");

      long hungry =
          upload(
              "hello-hungry",
              "%build\npython3 -c 'b = b\"x\" * (6 << 30); print(\"touched\", len(b))'\n");
      long sparse =
          upload(
              "hello-sparse",
              "%install\nfor i in 1 2 3; do truncate -s 3500M %{_rpmdir}/sparse-$i.bin; done\n");
      assertThat(awaitState(hungry, "failed").get("reason").asText())
          .startsWith("%build failed: it ran out of memory");
      assertThat(awaitState(sparse, "failed").get("reason").asText())
          .isEqualTo(
              "checking results failed: the build's results pass their limit of 8192 MiB (files"
                  + " counted at their apparent size, sparse ones whole)");
      assertThat(stack.storage().resolve("results/" + sparse)).satisfies(this::holdsNoFiles);

      ok(copr("create-pkg", "hostile", srpm("hello-honest").toString()));
      Dnf dnf = new Dnf(work.resolve("root"), "40");
      HttpResponse<String> repoFile =
          stack.api("GET", "/coprs/hostile/repo/fedora-40.repo", null, null, null);
      dnf.repoFile(repoFile.body());
      Processes.Result install = dnf.install("hello-honest");
      assertThat(install.exitCode()).as(install.output()).isZero();
      assertThat(dnf.runInstalled("hello-honest")).contains("hello-honest 1.0");
      assertThat(dnf.available()).noneMatch(p -> p.contains("patched"));

      try (var left = Files.list(hostDir)) {
        assertThat(left).as("written into the host folder").isEmpty();
      }
      assertThat(fetched).as("asked of the probe").isEmpty();
    } finally {
      probe.stop(0);
    }
  }

  /** The entry as the API shows it (printable ASCII here): cut at 80 characters. */
  private static String shown(String entry) {
    return entry.length() > 80 ? entry.substring(0, 80) + "…" : entry;
  }

  private void holdsNoFiles(Path results) {
    if (!Files.exists(results)) {
      return;
    }
    try (var files = Files.walk(results)) {
      assertThat(files.filter(Files::isRegularFile)).isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Uploads a package whose spec has {@code section} added; returns its build's id. */
  private static long upload(String name, String section) throws Exception {
    String header = section.substring(0, section.indexOf('\n') + 1);
    String spec = TestRpms.spec(name, "1.0", TestRpms.Options.defaults()).replace(header, section);
    Path srpm = TestRpms.srpmFromSpec(work.resolve("srpms"), name, spec);
    ok(copr("create-pkg", "--nowait", "hostile", srpm.toString()));
    JsonNode page =
        JSON.readTree(
            stack.api("GET", "/coprs/hostile/builds?package=" + name, null, null, null).body());
    for (JsonNode b : page.get("items")) {
      if (b.get("chroot").asText().equals("fedora-40-x86_64")) {
        return b.get("id").asLong();
      }
    }
    throw new AssertionError("no x86_64 build of " + name + " in " + page);
  }

  private static Path srpm(String name) {
    return TestRpms.srpm(work.resolve("srpms"), name, "1.0", TestRpms.Options.defaults());
  }

  private static JsonNode awaitState(long build, String state) {
    return stack.awaitState(build, state, Duration.ofMinutes(5));
  }

  private static JsonNode build(long id) {
    return stack.build(id);
  }

  private static Processes.Result copr(String... args) {
    return stack.copr("mallory", "mallory-secret-1", args);
  }

  private static void ok(Processes.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
  }
}
