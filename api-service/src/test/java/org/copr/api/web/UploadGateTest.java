package org.copr.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.copr.api.Api.newCopr;
import static org.copr.api.Api.newUser;
import static org.copr.api.Api.password;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.copr.api.Api;
import org.copr.api.DbState;
import org.copr.api.Rpms;
import org.copr.contracts.rest.ClientHeader;
import org.copr.testing.HugeUpload;
import org.junit.jupiter.api.Test;

/**
 * An upload is refused before any of its body is read or stored when its sender is not logged in,
 * or (on the web form) carries no valid CSRF token, or has as many uploads under way as the bound
 * allows. Each attack sends a 200 MB body: the answer must come while most of it was never sent.
 */
@QuarkusTest
class UploadGateTest {
  private static final long HUGE = 200L * 1024 * 1024;

  /** What the sockets' buffers take before a server that reads nothing stops the sender. */
  private static final long UNREAD = 32L * 1024 * 1024;

  private static final Path UPLOADS =
      Path.of(System.getProperty("java.io.tmpdir"), "copr-api-uploads");

  @TestHTTPResource("/")
  URL root;

  @Inject DbState db;

  @Test
  void anonymousUploadsAreRefusedBeforeTheBodyIsRead() throws Exception {
    String alice = newUser("alice");
    String copr = newCopr(alice, List.of("fedora-40"), List.of("x86_64"));
    Map<String, String> before = db.fingerprint();
    List<String> uploadsBefore = uploads();

    HugeUpload.Result web = send("/copr/" + copr + "/upload", Map.of());
    assertThat(web.status()).isEqualTo(303);
    assertThat(web.header("Location")).contains("/login?next=");
    refusedUnread(web);

    HugeUpload.Result rest = send("/coprs/" + copr + "/packages", Map.of());
    assertThat(rest.status()).isEqualTo(401);
    refusedUnread(rest);

    HugeUpload.Result wrongPassword =
        send("/coprs/" + copr + "/packages", Map.of("Authorization", basic(alice, "wrong")));
    assertThat(wrongPassword.status()).isEqualTo(401);
    refusedUnread(wrongPassword);

    // what another site's form sends with the browser's cached Basic credentials
    HugeUpload.Result crossSite =
        send(
            "/coprs/" + copr + "/packages", Map.of("Authorization", basic(alice, password(alice))));
    assertThat(crossSite.status()).isEqualTo(403);
    refusedUnread(crossSite);

    assertThat(db.fingerprint()).isEqualTo(before);
    assertThat(uploads()).isEqualTo(uploadsBefore);
  }

  @Test
  void aLoggedInWebUploadWithoutTheCsrfTokenIsRefusedBeforeTheBodyIsRead() throws Exception {
    String bob = newUser("bob");
    String copr = newCopr(bob, List.of("fedora-40"), List.of("x86_64"));
    Browser browser = new Browser().logIn(bob, password(bob));
    String token = browser.csrf("/copr/" + copr + "/upload");
    Map<String, String> before = db.fingerprint();

    String cookie = cookies(browser);
    for (String path :
        List.of(
            "/copr/" + copr + "/upload",
            "/copr/" + copr + "/upload?csrf=",
            "/copr/" + copr + "/upload?csrf=" + token.substring(1) + "A")) {
      HugeUpload.Result forged = send(path, Map.of("Cookie", cookie));
      assertThat(forged.status()).as(path).isEqualTo(403);
      refusedUnread(forged);
    }
    // The token of another browser (its own CSRF cookie) does not fit this one's cookie.
    String stranger = new Browser().csrf("/login");
    HugeUpload.Result foreign =
        send("/copr/" + copr + "/upload?csrf=" + stranger, Map.of("Cookie", cookie));
    assertThat(foreign.status()).isEqualTo(403);
    assertThat(db.fingerprint()).isEqualTo(before);

    var honest = browser.upload(copr, Rpms.srpm("gate-hello", "1.0").toFile());
    assertThat(honest.statusCode()).isEqualTo(303);
    assertThat(honest.header("Location")).contains("/builds?package=gate-hello");
  }

  @Test
  void uploadsUnderWayPerUserAreBounded() throws Exception {
    String carol = newUser("carol");
    String copr = newCopr(carol, List.of("fedora-40"), List.of("x86_64"));
    Map<String, String> auth =
        Map.of("Authorization", basic(carol, password(carol)), ClientHeader.NAME, "copr-tests");
    String path = "/coprs/" + copr + "/packages";
    int stored = uploads().size();
    try (HugeUpload first = HugeUpload.start(host(), port(), path, auth, HUGE, 1024 * 1024);
        HugeUpload second = HugeUpload.start(host(), port(), path, auth, HUGE, 1024 * 1024)) {
      // Both are admitted and under way: the server is storing their bodies.
      until(() -> first.holding() && second.holding() && uploadsSize() >= stored + 2);
      HugeUpload.Result third = send(path, auth);
      assertThat(third.status()).isEqualTo(429);
      refusedUnread(third);
      assertThat(
              Api.as(carol)
                  .multiPart("srpm", Rpms.srpm("third", "1.0").toFile())
                  .post(path)
                  .then()
                  .extract()
                  .statusCode())
          .isEqualTo(429);

      String dave = newUser("dave");
      String hisCopr = newCopr(dave, List.of("fedora-40"), List.of("x86_64"));
      Api.upload(dave, hisCopr, Rpms.srpm("daves", "1.0")).then().statusCode(202);
    }
    // Their connections closed: carol may upload again.
    Path later = Rpms.srpm("later", "1.0");
    until(() -> Api.upload(carol, copr, later).statusCode() == 202);
  }

  private static void until(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static void refusedUnread(HugeUpload.Result r) {
    assertThat(r.bodySent()).as("body bytes sent before the answer").isLessThan(UNREAD);
    assertThat(r.elapsed()).isLessThan(Duration.ofSeconds(5));
  }

  private HugeUpload.Result send(String path, Map<String, String> headers) throws IOException {
    return HugeUpload.send(host(), port(), path, headers, HUGE);
  }

  private String host() {
    return root.getHost();
  }

  private int port() {
    return root.getPort();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private static String cookies(Browser browser) {
    return browser.cookies.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("; "));
  }

  private static int uploadsSize() {
    try {
      return uploads().size();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static List<String> uploads() throws IOException {
    if (!Files.isDirectory(UPLOADS)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(UPLOADS)) {
      return files.map(Path::toString).sorted().toList();
    }
  }
}
