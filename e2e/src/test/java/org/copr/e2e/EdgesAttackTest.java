package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.copr.testing.Dnf;
import org.copr.testing.HugeUpload;
import org.copr.testing.Processes;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 23's edges, tried as an attacker would against the running stack: a 200 MB upload from a
 * visitor who is not logged in, or logged in without the form's CSRF token; a deleted copr's name
 * taken by another account; an RPM planted in an honest build's results folder while it builds.
 * Each is refused before anything is stored or never reaches a repository, and honest builds are
 * published and installed by real dnf as before.
 */
class EdgesAttackTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long HUGE = 200L * 1024 * 1024;
  private static final long UNREAD = 32L * 1024 * 1024;
  private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private static Path work;
  private static Stack stack;

  @BeforeAll
  static void up() throws Exception {
    work = Files.createTempDirectory("copr-e2e-edges-");
    stack = new Stack(work.resolve("stack"), 1);
    stack.up();
    for (String user : List.of("alice", "mallory", "bob")) {
      stack.newUser(user, user + "-secret-1");
    }
  }

  @AfterAll
  static void down() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void hugeWebUploadsOfAnonymousOrCsrfLessVisitorsAreRefusedBeforeAnythingIsStored()
      throws Exception {
    ok(copr("alice", "create-copr", "upload-target", "--release", "fedora-40"));
    // srpms/ is where an accepted upload lands (repos/ changes on its own as the copr is made).
    Map<String, Long> storedBefore = files(stack.storage().resolve("srpms"));
    List<String> uploadsBefore = listing(stack.apiUploads());

    HugeUpload.Result anonymous = huge("/copr/upload-target/upload", Map.of());
    assertThat(anonymous.status()).isEqualTo(303);
    assertThat(anonymous.header("Location")).contains("/login?next=");
    refusedUnread(anonymous);

    Web alice = new Web().logIn("alice", "alice-secret-1");
    String token = alice.csrf("/copr/upload-target/upload");
    for (String path :
        List.of(
            "/copr/upload-target/upload",
            "/copr/upload-target/upload?csrf=" + new Web().csrf("/login"))) {
      HugeUpload.Result forged = huge(path, Map.of("Cookie", alice.cookieHeader()));
      assertThat(forged.status()).as(path).isEqualTo(403);
      refusedUnread(forged);
    }
    assertThat(files(stack.storage().resolve("srpms"))).as("srpms/").isEqualTo(storedBefore);
    assertThat(listing(stack.apiUploads())).as("api-service's uploads").isEqualTo(uploadsBefore);

    // The same visitor with the form's token uploads as before.
    HttpResponse<String> honest =
        alice.upload("/copr/upload-target/upload?csrf=" + token, srpm("hello-webform"));
    assertThat(honest.statusCode()).as(honest.body()).isEqualTo(303);
    awaitState(buildOf("upload-target", "hello-webform"), "succeeded");
  }

  @Test
  void aDeletedCoprsNameStaysItsOwnersAndAUsersRepoFileNeverServesAStranger() throws Exception {
    ok(copr("alice", "create-copr", "pv-squat", "--release", "fedora-40"));
    ok(copr("alice", "create-pkg", "pv-squat", srpm("hello-squat").toString()));
    // What a user's machine keeps: the .repo file as the API gave it.
    String repoFile = repoFile("pv-squat");
    assertThat(available(repoFile)).containsExactly("hello-squat");

    ok(copr("alice", "delete-copr", "pv-squat"));
    Processes.Result squat = copr("mallory", "create-copr", "pv-squat", "--release", "fedora-40");
    assertThat(squat.exitCode()).as(squat.output()).isNotZero();
    assertThat(squat.output()).contains("belonged to a deleted copr of alice");
    HttpResponse<String> rest =
        stack.api(
            "POST",
            "/coprs",
            "{\"name\": \"pv-squat\", \"releases\": [\"fedora-40\"]}",
            "mallory",
            "mallory-secret-1");
    assertThat(rest.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(rest.body()).get("error").asText()).isEqualTo("conflict");
    // mallory's packages go nowhere near that name.
    ok(copr("mallory", "create-copr", "pv-squat2", "--release", "fedora-40"));
    ok(copr("mallory", "create-pkg", "pv-squat2", srpm("hello-stranger").toString()));

    ok(copr("alice", "create-copr", "pv-squat", "--release", "fedora-40"));
    ok(copr("alice", "create-pkg", "pv-squat", srpm("hello-again").toString()));
    assertThat(available(repoFile))
        .as("the old .repo file serves alice's copr again, nothing of mallory's")
        .containsExactly("hello-again");
    Dnf dnf = new Dnf(Files.createTempDirectory(work, "dnf-"), "40").repoFile(repoFile);
    Processes.Result installed = dnf.install("-y", "hello-again");
    assertThat(installed.exitCode()).as(installed.output()).isZero();
    assertThat(dnf.runInstalled("hello-again")).isEqualTo("hello-again 1.0");
  }

  @Test
  void anRpmPlantedInAnHonestBuildsResultsIsNeverPublished() throws Exception {
    ok(copr("bob", "create-copr", "planted", "--release", "fedora-40"));
    // %build sleeps, so the results folder exists well before the worker hands its results over.
    String spec =
        TestRpms.spec("hello-slow", "1.0", TestRpms.Options.defaults())
            .replace("%build\n", "%build\nsleep 20\n");
    Path slow = TestRpms.srpmFromSpec(work.resolve("srpms"), "hello-slow", spec);
    Path evil = rpm("evil-pkg");
    ok(copr("bob", "create-pkg", "--nowait", "planted", slow.toString()));
    long build = buildOf("planted", "hello-slow");
    Path results = stack.storage().resolve("results/" + build + "/1");
    Awaitility.await()
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> Files.isDirectory(results));
    Files.copy(evil, results.resolve(evil.getFileName()));
    Files.copy(evil, results.resolve("hello-slow-1.0-1.x86_64.rpm"));

    awaitState(build, "succeeded");
    try (Stream<Path> published = Files.walk(stack.storage().resolve("repos/planted"))) {
      assertThat(published.map(p -> p.getFileName().toString()))
          .contains("hello-slow-1.0-1.noarch.rpm")
          .doesNotContain(evil.getFileName().toString(), "hello-slow-1.0-1.x86_64.rpm");
    }
    String repoFile = repoFile("planted");
    assertThat(available(repoFile)).containsExactly("hello-slow");
    Dnf dnf = new Dnf(Files.createTempDirectory(work, "dnf-"), "40").repoFile(repoFile);
    Processes.Result installed = dnf.install("-y", "hello-slow");
    assertThat(installed.exitCode()).as(installed.output()).isZero();
    assertThat(dnf.runInstalled("hello-slow")).isEqualTo("hello-slow 1.0");
  }

  @Test
  void theDemoPutsNoPasswordOnACommandLine() throws Exception {
    Path bin = Files.createDirectories(work.resolve("bin"));
    Path calls = work.resolve("curl-calls");
    Path curl = bin.resolve("curl");
    Files.writeString(
        curl, "#!/bin/sh\nprintf '%s\\n' \"$*\" >> '" + calls + "'\nexec /usr/bin/curl \"$@\"\n");
    Files.setPosixFilePermissions(curl, PosixFilePermissions.fromString("rwxr-xr-x"));

    Processes.Result demo = stack.demo(bin);
    assertThat(demo.exitCode()).as(demo.output()).isZero();
    assertThat(demo.output()).contains("Done:").contains("dnf installed it");
    String arguments = Files.readString(calls);
    assertThat(arguments).as("curl ran").contains("/users");
    assertThat(arguments).doesNotContain(stack.adminPassword).doesNotContain("password");
  }

  private static void refusedUnread(HugeUpload.Result r) {
    assertThat(r.bodySent()).as("body bytes sent before the answer").isLessThan(UNREAD);
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(5));
  }

  private static HugeUpload.Result huge(String path, Map<String, String> headers)
      throws IOException {
    return HugeUpload.send("127.0.0.1", stack.apiPort, path, headers, HUGE);
  }

  /** A browser: cookies kept, forms sent with their tokens. */
  private static final class Web {
    final CookieManager cookies = new CookieManager();
    final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    String csrf(String page) throws Exception {
      String html = get(page).body();
      Matcher m = CSRF.matcher(html);
      assertThat(m.find()).as(page + " has a form token").isTrue();
      return m.group(1);
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create(stack.apiUrl() + path)).build(),
          HttpResponse.BodyHandlers.ofString());
    }

    Web logIn(String user, String password) throws Exception {
      String token = csrf("/login");
      String form =
          Stream.of(
                  Map.entry("username", user),
                  Map.entry("password", password),
                  Map.entry("next", "/"),
                  Map.entry("csrf", token))
              .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/login"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
      return this;
    }

    String cookieHeader() {
      return cookies.getCookieStore().getCookies().stream()
          .map(c -> c.getName() + "=" + c.getValue())
          .collect(Collectors.joining("; "));
    }

    HttpResponse<String> upload(String path, Path srpm) throws Exception {
      String boundary = "edges-boundary";
      byte[] head =
          ("--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"srpm\"; filename=\""
                  + srpm.getFileName()
                  + "\"\r\nContent-Type: application/x-rpm\r\n\r\n")
              .getBytes(StandardCharsets.UTF_8);
      byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
      return http.send(
          HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
              .header("Content-Type", "multipart/form-data; boundary=" + boundary)
              .POST(
                  HttpRequest.BodyPublishers.concat(
                      HttpRequest.BodyPublishers.ofByteArray(head),
                      HttpRequest.BodyPublishers.ofFile(srpm),
                      HttpRequest.BodyPublishers.ofByteArray(tail)))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  private static Map<String, Long> files(Path dir) throws IOException {
    Map<String, Long> files = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), Files.size(p));
      }
    }
    return files;
  }

  private static List<String> listing(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> paths = Files.list(dir)) {
      return paths.map(Path::toString).sorted().toList();
    }
  }

  private static String repoFile(String copr) throws Exception {
    HttpResponse<String> r =
        stack.api("GET", "/coprs/" + copr + "/repo/fedora-40.repo", null, null, null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  /** The names of the packages dnf, given that .repo file, can install from it. */
  private static List<String> available(String repoFile) throws Exception {
    Dnf dnf = new Dnf(Files.createTempDirectory(work, "dnf-"), "40").repoFile(repoFile);
    Processes.Result list = dnf.run("--refresh", "repoquery", "--qf", "%{name}", "--available");
    assertThat(list.exitCode()).as(list.output()).isZero();
    return list.output().lines().filter(l -> l.matches("[a-z][a-z0-9-]*")).sorted().toList();
  }

  private static Path srpm(String name) {
    return TestRpms.srpm(work.resolve("srpms"), name, "1.0", TestRpms.Options.defaults());
  }

  /** A binary RPM built on this machine, as a stranger would bring it. */
  private static Path rpm(String name) throws IOException {
    Path out = Files.createTempDirectory(work, "rpm-");
    TestRpms.rebuild(srpm(name), out);
    try (Stream<Path> files = Files.walk(out)) {
      return files.filter(p -> p.toString().endsWith(".noarch.rpm")).findFirst().orElseThrow();
    }
  }

  private static long buildOf(String copr, String pkg) throws Exception {
    JsonNode page =
        JSON.readTree(
            stack.api("GET", "/coprs/" + copr + "/builds?package=" + pkg, null, null, null).body());
    for (JsonNode b : page.get("items")) {
      return b.get("id").asLong();
    }
    throw new AssertionError("no build of " + pkg + " in " + page);
  }

  private static JsonNode awaitState(long build, String state) {
    return stack.awaitState(build, state, Duration.ofMinutes(3));
  }

  private static JsonNode build(long id) {
    return stack.build(id);
  }

  private static Processes.Result copr(String user, String... args) {
    return stack.copr(user, user + "-secret-1", args);
  }

  private static void ok(Processes.Result r) {
    assertThat(r.exitCode()).as(r.output()).isZero();
  }
}
