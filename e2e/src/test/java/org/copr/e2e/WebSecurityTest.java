package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.copr.testing.KafkaBroker;
import org.copr.testing.Processes;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI's sessions, the REST API against other sites' pages, the login throttle and the tokens
 * page, in Debian's Chromium against the whole system. The stack trusts 127.0.0.1 as its reverse
 * proxy, so the test names client addresses with {@code X-Forwarded-For} as an Ingress would. Pages
 * of "another site" are served by this test on {@code localhost}, a site other than {@code
 * 127.0.0.1}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebSecurityTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OWNER = "sam";
  private static final String PASSWORD = "sam-secret-1";
  private static final String COPR = "guarded";

  private static Path work;
  private static Stack stack;
  private static ChromeDriver browser;
  private static HttpServer otherSite;
  private static final Map<String, String> otherPages = new HashMap<>();
  private static long running;

  @BeforeAll
  static void up() throws Exception {
    work = Files.createTempDirectory("copr-websec-");
    stack = new Stack(work.resolve("stack"), 1).trustingProxy("127.0.0.1");
    stack.up();
    stack.newUser(OWNER, PASSWORD);
    assertThat(
            stack
                .api(
                    "POST",
                    "/coprs",
                    "{\"name\": \"" + COPR + "\", \"releases\": [\"fedora-40\"]}",
                    OWNER,
                    PASSWORD)
                .statusCode())
        .isEqualTo(201);
    // a build that runs long enough to be canceled, were a cancel let through
    String spec =
        TestRpms.spec("sec-slow", "1.0", TestRpms.Options.defaults())
            .replace("%build\n", "%build\nsleep 300\n");
    Path srpm = TestRpms.srpmFromSpec(work.resolve("srpms"), "sec-slow", spec);
    ok(
        cli(
            Map.of("COPR_USERNAME", OWNER, "COPR_PASSWORD", PASSWORD),
            "create-pkg",
            COPR,
            srpm.toString(),
            "--nowait"));
    running = builds().get("items").get(0).get("id").asLong();

    otherSite = HttpServer.create(new InetSocketAddress("127.0.0.1", KafkaBroker.freePort()), 0);
    otherSite.createContext(
        "/",
        exchange -> {
          String page = otherPages.getOrDefault(exchange.getRequestURI().getPath(), "");
          byte[] body = page.getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(
              page.isEmpty() ? 404 : 200, body.length == 0 ? -1 : body.length);
          if (body.length > 0) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    otherSite.start();
    browser = Chromium.start(work.resolve("chromium-profile"));
  }

  @AfterAll
  static void down() {
    if (browser != null) {
      browser.quit();
    }
    if (otherSite != null) {
      otherSite.stop(0);
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void aCopiedSessionCookieIsRefusedAfterLogout() throws Exception {
    logIn();
    Cookie session = browser.manage().getCookieNamed("copr_session");
    assertThat(session).isNotNull();
    assertThat(session.isHttpOnly()).isTrue();
    assertThat(session.getSameSite()).isEqualToIgnoringCase("Lax");
    String copied = "copr_session=" + session.getValue();
    assertThat(page("/", copied).body()).contains("id=\"who\">" + OWNER);

    browser.findElement(By.cssSelector("form[action='/logout'] button")).click();
    assertThat(browser.findElements(By.id("login-link"))).isNotEmpty();

    assertThat(page("/", copied).body()).doesNotContain("id=\"who\"").contains("Log in");
    assertThat(page("/new-copr", copied).statusCode()).isEqualTo(303);
  }

  @Test
  @Order(2)
  void crossSiteFormsWithCachedBasicCredentialsChangeNothing() throws Exception {
    String target = stack.apiUrl() + "/builds/" + running + "/cancel";
    otherPages.put(
        "/cancel.html",
        "<!DOCTYPE html><title>win a prize</title><form method=post action='"
            + target
            + "'><input name=reason value=x></form><script>document.forms[0].submit()</script>");
    otherPages.put(
        "/cancel-text.html",
        "<!DOCTYPE html><title>win a prize</title><form method=post enctype=text/plain action='"
            + target
            + "'><input name=reason value=x></form><script>document.forms[0].submit()</script>");
    String srpm =
        Base64.getEncoder()
            .encodeToString(
                Files.readAllBytes(
                    TestRpms.srpm(
                        work.resolve("srpms"), "sec-planted", "1.0", TestRpms.Options.defaults())));
    otherPages.put(
        "/upload.html",
        "<!DOCTYPE html><title>win a prize</title><script>"
            + "const bytes = Uint8Array.from(atob('"
            + srpm
            + "'), c => c.charCodeAt(0));"
            + "const form = new FormData();"
            + "form.append('srpm', new Blob([bytes]), 'sec-planted-1.0-1.src.rpm');"
            + "fetch('"
            + stack.apiUrl()
            + "/coprs/"
            + COPR
            + "/packages', {method: 'POST', mode: 'no-cors', credentials: 'include', body: form})"
            + ".finally(() => document.title = 'sent');"
            + "</script>");
    long buildsBefore = builds().get("total").asLong();
    // the browser holds the owner's Basic credentials and sends them with every request
    String basic =
        Base64.getEncoder()
            .encodeToString((OWNER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    browser.executeCdpCommand("Network.enable", Map.of());
    browser.executeCdpCommand(
        "Network.setExtraHTTPHeaders",
        Map.of("headers", Map.of("Authorization", "Basic " + basic)));
    try {
      for (String attack : List.of("/cancel.html", "/cancel-text.html")) {
        browser.get(otherSite() + attack);
        new WebDriverWait(browser, Duration.ofSeconds(20))
            .until(d -> d.getCurrentUrl().startsWith(target));
        // the answer the browser shows is the refusal, which is the marker that it arrived
        assertThat(browser.findElement(By.tagName("body")).getText())
            .contains("\"error\":\"forbidden\"")
            .contains("X-Copr-Client");
      }
      browser.get(otherSite() + "/upload.html");
      new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "sent".equals(d.getTitle()));
    } finally {
      browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
    }

    // each attack reached api-service and was refused there, not stopped by the browser
    String logs = stack.logs();
    assertThat(logs)
        .contains("POST /builds/" + running + "/cancel refused: form-shaped")
        .contains("POST /coprs/" + COPR + "/packages refused: form-shaped");
    JsonNode build = stack.build(running);
    assertThat(build.get("cancel_requested_at").isNull()).as(build.toString()).isTrue();
    assertThat(build.get("state").asText()).isIn("pending", "starting", "running");
    assertThat(builds().get("total").asLong()).isEqualTo(buildsBefore);

    // our CLI, with the same password and no body, does cancel it: the route was there to take
    ok(
        cli(
            Map.of("COPR_USERNAME", OWNER, "COPR_PASSWORD", PASSWORD),
            "cancel-build",
            Long.toString(running)));
    assertThat(stack.build(running).get("cancel_requested_at").isNull()).isFalse();
  }

  @Test
  @Order(3)
  void sixWrongPasswordsFromOneAddressLeaveTheUserAbleToLogInFromAnother() {
    browser.manage().deleteAllCookies();
    forwardedFor("203.0.113.66");
    try {
      for (int i = 0; i < 6; i++) {
        submitLogin("wrong-guess-" + i);
        assertThat(browser.findElement(By.id("error")).getText())
            .contains(i < 5 ? "wrong username or password" : "too many failed logins");
      }
      submitLogin(PASSWORD);
      assertThat(browser.findElement(By.id("error")).getText()).contains("too many failed logins");
      assertThat(browser.findElements(By.id("who"))).isEmpty();

      forwardedFor("198.51.100.66");
      submitLogin(PASSWORD);
      assertThat(browser.findElement(By.id("who")).getText()).isEqualTo(OWNER);
    } finally {
      browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", Map.of()));
    }
  }

  @Test
  @Order(4)
  void aTokenMadeOnThePageWorksWithTheCliUntilItIsRevokedThere() throws Exception {
    open("/tokens");
    browser.findElement(By.id("token-name")).sendKeys("e2e laptop");
    browser.findElement(By.id("token-password")).sendKeys(PASSWORD);
    browser.findElement(By.id("make-token")).click();
    String config = browser.findElement(By.id("config")).getText();
    assertThat(config).contains("[copr-cli]").contains("username = " + OWNER);
    Path file = work.resolve("copr-config");
    Files.writeString(file, config + "\n");
    Map<String, String> withFile = Map.of("COPR_CONFIG", file.toString());

    ok(cli(withFile, "create-copr", "made-with-token", "--release", "fedora-40"));
    assertThat(stack.api("GET", "/coprs/made-with-token", null, null, null).statusCode())
        .isEqualTo(200);

    open("/tokens");
    browser.findElement(By.cssSelector("#token-list button[id^='revoke-']")).click();
    assertThat(browser.findElements(By.id("no-tokens"))).isNotEmpty();

    Processes.Result refused =
        cli(withFile, "create-copr", "after-revoke", "--release", "fedora-40");
    assertThat(refused.exitCode()).as(refused.output()).isEqualTo(3);
    assertThat(stack.api("GET", "/coprs/after-revoke", null, null, null).statusCode())
        .isEqualTo(404);
  }

  @Test
  @Order(5)
  void theCoprPageAndInfoCoprShowTheSigningKeysFingerprint() throws Exception {
    String fingerprint = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (fingerprint == null) {
      JsonNode copr = JSON.readTree(stack.api("GET", "/coprs/" + COPR, null, null, null).body());
      if (copr.hasNonNull("gpg_fingerprint")) {
        fingerprint = copr.get("gpg_fingerprint").asText();
      } else {
        assertThat(System.nanoTime()).as("the copr's key within 60 s").isLessThan(deadline);
        Thread.sleep(500);
      }
    }

    open("/copr/" + COPR);
    assertThat(browser.findElement(By.id("fingerprint")).getText()).isEqualTo(fingerprint);
    String shortId = fingerprint.substring(fingerprint.length() - 8).toLowerCase();
    assertThat(browser.findElement(By.id("check-rpm")).getText())
        .isEqualTo("rpm -qi gpg-pubkey-" + shortId);

    Processes.Result info = cli(Map.of(), "info-copr", COPR);
    ok(info);
    assertThat(info.output())
        .contains("signing key:  " + fingerprint)
        .contains("/" + COPR + "/pubkey.gpg | gpg --show-keys --with-fingerprint")
        .contains("rpm -qi gpg-pubkey-" + shortId);
  }

  private static void logIn() {
    browser.manage().deleteAllCookies();
    submitLogin(PASSWORD);
    assertThat(browser.findElement(By.id("who")).getText()).isEqualTo(OWNER);
  }

  private static void submitLogin(String password) {
    open("/login");
    browser.findElement(By.id("username")).sendKeys(OWNER);
    browser.findElement(By.id("password")).sendKeys(password);
    browser.findElement(By.id("login")).click();
  }

  private static void forwardedFor(String address) {
    browser.executeCdpCommand("Network.enable", Map.of());
    browser.executeCdpCommand(
        "Network.setExtraHTTPHeaders", Map.of("headers", Map.of("X-Forwarded-For", address)));
  }

  private static void open(String path) {
    browser.get(stack.apiUrl() + path);
  }

  /** Another site: the same machine under another name. */
  private static String otherSite() {
    return "http://localhost:" + otherSite.getAddress().getPort();
  }

  private static HttpResponse<String> page(String path, String cookie) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(stack.apiUrl() + path))
                .header("Cookie", cookie)
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode builds() throws Exception {
    return JSON.readTree(stack.api("GET", "/coprs/" + COPR + "/builds", null, null, null).body());
  }

  /** The real {@code copr} command; only the given login, none from this machine's files. */
  private static Processes.Result cli(Map<String, String> login, String... args) {
    Map<String, String> env = new HashMap<>(login);
    env.put("COPR_URL", stack.apiUrl());
    env.put("HOME", work.resolve("home").toString());
    env.putIfAbsent("COPR_CONFIG", work.resolve("no-config").toString());
    List<String> cmd = new ArrayList<>();
    cmd.add(stack.root.resolve("cli/target/copr").toString());
    cmd.addAll(List.of(args));
    return Processes.run(work, env, cmd);
  }

  private static void ok(Processes.Result r) {
    assertThat(r.exitCode()).as(r.output()).isEqualTo(0);
  }
}
