package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.copr.testing.Processes;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Every page shape of the web UI, as a visitor, as the owner of a copr and as another user, in
 * Debian's Chromium against the whole system: each page as the server sent it is validated by the
 * Nu HTML checker (vnu.jar), and axe-core, run in the page, looks for violations of WCAG 2.0 and
 * 2.1 at levels A and AA at a phone's width (390 px) and a desktop's (1280 px). Both come from npm
 * at the versions {@code e2e/web-checks/package-lock.json} pins; {@code dev/setup} installs them
 * into {@code .cache/web-checks/}. The pages are kept in {@code target/web-checks/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebChecksTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String OWNER = "olga";
  private static final String OTHER = "peter";
  private static final String COPR = "checked";
  private static final Duration BUILD_TIME = Duration.ofMinutes(4);
  private static final Path PAGES = Path.of("target", "web-checks");
  private static final List<String> WCAG = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");
  private static final int[] WIDTHS = {390, 1280};

  private static Path work;
  private static Path tools;
  private static Stack stack;
  private static ChromeDriver browser;
  private static String axe;
  private static final Map<String, Long> builds = new LinkedHashMap<>();

  /** Page name to the file holding the HTML the server sent for it. */
  private static final Map<String, Path> checked = new LinkedHashMap<>();

  private static final List<String> violations = new ArrayList<>();

  @BeforeAll
  static void up() throws Exception {
    tools = org.copr.testing.Repo.root().resolve(".cache/web-checks/node_modules");
    assertThat(tools.resolve("axe-core/axe.min.js")).as("dev/setup installs it").exists();
    assertThat(tools.resolve("vnu-jar/build/dist/vnu.jar")).as("dev/setup installs it").exists();
    axe = Files.readString(tools.resolve("axe-core/axe.min.js"));
    Files.createDirectories(PAGES);
    work = Files.createTempDirectory("copr-checks-");
    stack = new Stack(work.resolve("stack"), 1);
    stack.up();
    stack.newUser(OWNER, OWNER + "-secret-1");
    stack.newUser(OTHER, OTHER + "-secret-1");
    ok(
        stack.copr(
            OWNER,
            OWNER + "-secret-1",
            "create-copr",
            COPR,
            "--release",
            "fedora-40",
            "--description",
            "Tools whose pages are checked"));
    String broken =
        TestRpms.spec("chk-broken", "0.1", TestRpms.Options.defaults())
            .replace(
                "%build\n",
                "%build\nprintf 'int main(void) {\\n  return undefined_thing\\n}\\n' > hello.c\n"
                    + "gcc -o hello hello.c\n");
    submit("chk-ok", TestRpms.spec("chk-ok", "1.0", TestRpms.Options.defaults()));
    submit("chk-broken", broken);
    stack.awaitState(builds.get("chk-ok"), "succeeded", BUILD_TIME);
    stack.awaitState(builds.get("chk-broken"), "failed", BUILD_TIME);
    // runs until the test cancels it: the page of a build that has not ended, with its live poll
    submit(
        "chk-slow",
        TestRpms.spec("chk-slow", "1.0", TestRpms.Options.defaults())
            .replace("%build\n", "%build\necho working\nsleep 300\n"));
    browser = Chromium.startLoggingTheNetwork(work.resolve("chromium-profile"));
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
  }

  @AfterAll
  static void down() {
    if (browser != null) {
      browser.quit();
    }
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void pagesAVisitorSees() {
    long slow = builds.get("chk-slow");
    check("home", "/");
    check("home-search", "/?q=chk");
    check("home-search-nothing", "/?q=no-such-thing");
    check("queue", "/queue");
    check("login", "/login");
    check("copr", "/copr/" + COPR);
    check("builds", "/copr/" + COPR + "/builds");
    check("builds-failed", "/copr/" + COPR + "/builds?state=failed");
    check("packages", "/copr/" + COPR + "/packages");
    check("package", "/copr/" + COPR + "/package/chk-ok");
    check("build-succeeded", "/build/" + builds.get("chk-ok"));
    check("build-failed", "/build/" + builds.get("chk-broken"));
    check("build-not-ended", "/build/" + slow);
    check("not-found-copr", "/copr/no-such-copr");
    check("not-found-build", "/build/999999999");
    check("bad-request", "/copr/" + COPR + "/builds?state=bogus");

    open("/login");
    browser.findElement(By.id("username")).sendKeys(OWNER);
    browser.findElement(By.id("password")).sendKeys("not-the-password");
    browser.findElement(By.id("login")).click();
    assertThat(browser.findElement(By.id("error")).getText()).contains("wrong username");
    checkHere("login-wrong-password");
  }

  @Test
  @Order(2)
  void pagesTheOwnerSees() {
    logIn(OWNER);
    check("home-logged-in", "/");
    check("copr-owner", "/copr/" + COPR);
    check("settings", "/copr/" + COPR + "/settings");
    check("upload", "/copr/" + COPR + "/upload");
    check("package-owner", "/copr/" + COPR + "/package/chk-broken");
    check("build-failed-owner", "/build/" + builds.get("chk-broken"));
    check("build-not-ended-owner", "/build/" + builds.get("chk-slow"));
    check("new-copr", "/new-copr");
    check("tokens-none", "/tokens");

    open("/new-copr");
    browser.findElement(By.id("name")).sendKeys(COPR);
    browser.findElement(By.id("releases")).sendKeys("fedora-40");
    browser.findElement(By.id("create")).click();
    assertThat(browser.findElement(By.id("error")).getText()).contains(COPR);
    checkHere("new-copr-taken");

    open("/copr/" + COPR + "/settings");
    browser.findElement(By.id("releases")).clear();
    browser.findElement(By.id("releases")).sendKeys("Fedora 40!");
    browser.findElement(By.cssSelector("#edit button")).click();
    assertThat(browser.findElement(By.id("error")).getText()).isNotEmpty();
    checkHere("settings-bad-release");

    open("/copr/" + COPR + "/settings");
    browser.findElement(By.id("grant-user")).sendKeys(OTHER);
    browser.findElement(By.cssSelector("#grant button")).click();
    assertThat(browser.findElement(By.id("permissions")).getText()).contains(OTHER);
    checkHere("settings-granted");

    open("/tokens");
    browser.findElement(By.id("token-name")).sendKeys("checked laptop");
    browser.findElement(By.id("token-password")).sendKeys(OWNER + "-secret-1");
    browser.findElement(By.id("make-token")).click();
    assertThat(browser.findElement(By.id("config")).getText()).contains("[copr-cli]");
    checkHere("tokens-made");
    check("tokens-listed", "/tokens");

    open("/build/" + builds.get("chk-slow"));
    browser.findElement(By.cssSelector("form[action$='/cancel'] button")).click();
    new org.openqa.selenium.support.ui.WebDriverWait(browser, BUILD_TIME)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(d -> d.findElement(By.id("state")).getText().equals("canceled"));
    check("build-canceled", "/build/" + builds.get("chk-slow"));
  }

  @Test
  @Order(3)
  void pagesAnotherUserSees() {
    browser.manage().deleteAllCookies();
    logIn(OTHER);
    check("copr-builder", "/copr/" + COPR);
    check("forbidden", "/copr/" + COPR + "/settings");
  }

  @Test
  @Order(4)
  void noPageViolatesWcag21AOrAaAtEitherWidth() {
    assertThat(violations)
        .as(
            "axe-core %s violations (rule, impact, page, width, target: what fails)",
            String.join(", ", WCAG))
        .isEmpty();
  }

  @Test
  @Order(5)
  void everyPageIsValidHtml() throws Exception {
    assertThat(checked).as("pages checked").hasSizeGreaterThan(30);
    Path css = PAGES.resolve("copr.css");
    Files.writeString(css, stack.api("GET", "/static/copr.css", null, null, null).body());
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "java",
            "-Xss4m",
            "-jar",
            tools.resolve("vnu-jar/build/dist/vnu.jar").toString(),
            "--format",
            "json",
            "--stdout",
            "--also-check-css"));
    checked.values().forEach(p -> command.add(p.toAbsolutePath().toString()));
    command.add(css.toAbsolutePath().toString());
    Path out = PAGES.resolve("vnu.json");
    Process vnu =
        new ProcessBuilder(command)
            .redirectOutput(out.toFile())
            .redirectError(PAGES.resolve("vnu.err").toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    assertThat(vnu.waitFor(5, TimeUnit.MINUTES)).as("vnu.jar within 5 minutes").isTrue();
    JsonNode report = JSON.readTree(out.toFile());
    List<String> errors = new ArrayList<>();
    for (JsonNode m : report.get("messages")) {
      String line =
          m.path("type").asText()
              + " "
              + m.path("subType").asText("")
              + " in "
              + Path.of(java.net.URI.create(m.path("url").asText())).getFileName()
              + ":"
              + m.path("lastLine").asText()
              + ": "
              + m.path("message").asText()
              + "  [ "
              + m.path("extract").asText().replace("\n", "⏎")
              + " ]";
      if (m.path("type").asText().equals("error")
          || m.path("type").asText().equals("non-document-error")) {
        errors.add(line);
      } else {
        System.out.println("vnu: " + line);
      }
    }
    assertThat(errors)
        .as("the Nu HTML checker's errors in %d pages (kept in %s)", checked.size(), PAGES)
        .isEmpty();
  }

  /** Opens a page and checks it. */
  private static void check(String name, String path) {
    open(path);
    checkHere(name);
  }

  /**
   * Keeps the HTML the server sent for the page the browser shows (also the answer to a form's
   * POST, which a new request could not repeat) and runs axe-core in it at each width.
   */
  private static void checkHere(String name) {
    String html = served();
    assertThat(html).as(name).startsWith("<!DOCTYPE html>");
    Path file = PAGES.resolve(name + ".html");
    try {
      Files.writeString(file, html);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(checked.put(name, file)).as("page names are unique").isNull();

    for (int width : WIDTHS) {
      browser.manage().window().setSize(new Dimension(width, 1000));
      if (!Boolean.TRUE.equals(browser.executeScript("return typeof window.axe === 'object'"))) {
        browser.executeScript(axe);
      }
      Object found =
          browser.executeAsyncScript(
              "const done = arguments[arguments.length - 1];"
                  + "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]},"
                  + " resultTypes: ['violations']})"
                  + ".then(r => done(JSON.stringify(r.violations)), e => done('axe failed: ' + e));",
              WCAG);
      assertThat((String) found).as(name).doesNotStartWith("axe failed");
      try {
        for (JsonNode v : JSON.readTree((String) found)) {
          for (JsonNode node : v.get("nodes")) {
            violations.add(
                String.format(
                    "%s (%s) on %s [%s] at %d px, %s: %s",
                    v.get("id").asText(),
                    v.path("impact").asText(),
                    name,
                    browser.getCurrentUrl().replace(stack.apiUrl(), ""),
                    width,
                    node.get("target").toString(),
                    node.path("failureSummary").asText().replace("\n", " ")));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    browser.manage().window().setSize(new Dimension(1280, 1000));
  }

  /**
   * The body of the last document the browser received (the answer to the last navigation or form
   * POST), as the server sent it: from the DevTools network events the browser logged since.
   */
  private static String served() {
    String requestId = null;
    for (LogEntry entry : browser.manage().logs().get(LogType.PERFORMANCE)) {
      try {
        JsonNode message = JSON.readTree(entry.getMessage()).get("message");
        if (message.path("method").asText().equals("Network.responseReceived")
            && message.path("params").path("type").asText().equals("Document")) {
          requestId = message.path("params").path("requestId").asText();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    assertThat(requestId).as("a document received since the last page").isNotNull();
    Map<String, Object> body =
        browser.executeCdpCommand("Network.getResponseBody", Map.of("requestId", requestId));
    String text = (String) body.get("body");
    return Boolean.TRUE.equals(body.get("base64Encoded"))
        ? new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8)
        : text;
  }

  private static void logIn(String user) {
    open("/login");
    browser.findElement(By.id("username")).sendKeys(user);
    browser.findElement(By.id("password")).sendKeys(user + "-secret-1");
    browser.findElement(By.id("login")).click();
    assertThat(browser.findElement(By.id("who")).getText()).isEqualTo(user);
  }

  private static void open(String path) {
    browser.get(stack.apiUrl() + path);
  }

  /**
   * Uploads a package built from {@code spec} with the owner's {@code copr} and notes its build.
   */
  private static void submit(String name, String spec) throws Exception {
    Path srpm = TestRpms.srpmFromSpec(work.resolve("srpms"), name, spec);
    ok(stack.copr(OWNER, OWNER + "-secret-1", "create-pkg", COPR, srpm.toString(), "--nowait"));
    JsonNode page =
        JSON.readTree(
            stack
                .api("GET", "/coprs/" + COPR + "/builds?package=" + name, null, null, null)
                .body());
    builds.put(name, page.get("items").get(0).get("id").asLong());
  }

  private static void ok(Processes.Result r) {
    assertThat(r.exitCode()).as(r.output()).isEqualTo(0);
  }
}
