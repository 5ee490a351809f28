package org.copr.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.copr.testing.TestRpms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in Debian's Chromium (headless, through chromedriver and Selenium) against the whole
 * system as {@code dev/stack} runs it: real builds by a build-worker, real repositories. Every page
 * it visits is also photographed at a desktop's and a phone's width into target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebUiTest {
  private static final String OWNER = "wendy";
  private static final String OWNER_PASSWORD = "wendy-secret-1";
  private static final String HELPER = "harry";
  private static final String COPR = "webtools";
  private static final String SCRIPT = "<script>window.__injected = 1</script> tools & more";
  private static final Duration BUILD_TIME = Duration.ofMinutes(3);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private enum Width {
    DESKTOP(1280),
    PHONE(390);

    final int pixels;

    Width(int pixels) {
      this.pixels = pixels;
    }
  }

  private static Path work;
  private static Stack stack;
  private static WebDriver browser;
  private static long slowBuild;

  @BeforeAll
  static void up() throws Exception {
    work = Files.createTempDirectory("copr-web-");
    stack = new Stack(work.resolve("stack"), 1);
    stack.up();
    for (String user : List.of(OWNER, HELPER)) {
      stack.newUser(user, user + "-secret-1");
    }
    Files.createDirectories(SCREENSHOTS);
    browser = Chromium.start(work.resolve("chromium-profile"));
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
  void logInAndCreateACopr() {
    open("/");
    photograph("home");
    browser.findElement(By.id("login-link")).click();
    photograph("login");
    browser.findElement(By.id("username")).sendKeys(OWNER);
    browser.findElement(By.id("password")).sendKeys(OWNER_PASSWORD);
    browser.findElement(By.id("login")).click();
    assertThat(browser.findElement(By.id("who")).getText()).isEqualTo(OWNER);

    open("/new-copr");
    photograph("new-copr");
    browser.findElement(By.id("name")).sendKeys(COPR);
    browser.findElement(By.id("description")).sendKeys(SCRIPT);
    WebElement releases = browser.findElement(By.id("releases"));
    releases.clear();
    releases.sendKeys("fedora-40");
    browser.findElement(By.id("create")).click();

    assertThat(browser.getCurrentUrl()).endsWith("/copr/" + COPR);
    assertThat(browser.findElement(By.id("owner")).getText()).isEqualTo(OWNER);
    photograph("copr-overview-empty");
  }

  @Test
  @Order(2)
  void aDescriptionWithAScriptShowsAsText() {
    open("/copr/" + COPR);
    assertThat(browser.findElement(By.id("description")).getText()).isEqualTo(SCRIPT);
    assertThat(js("return typeof window.__injected")).isEqualTo("undefined");
  }

  @Test
  @Order(3)
  void anUploadedSrpmBuildsToSucceededWhileTheBuildPageWatches() {
    String spec =
        TestRpms.spec("web-slow", "1.0", TestRpms.Options.defaults())
            .replace("%build\n", "%build\necho building slowly\nsleep 8\necho still here\n");
    Path srpm = TestRpms.srpmFromSpec(work.resolve("srpms"), "web-slow", spec);

    open("/copr/" + COPR + "/upload");
    photograph("upload");
    browser.findElement(By.id("srpm")).sendKeys(srpm.toAbsolutePath().toString());
    browser.findElement(By.id("upload-button")).click();
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(d -> d.getCurrentUrl().contains("/builds?package=web-slow"));
    WebElement link = browser.findElement(By.cssSelector("table.builds tbody a[href^='/build/']"));
    slowBuild = Long.parseLong(link.getText());
    link.click();

    String before = browser.findElement(By.id("state")).getText();
    assertThat(before).isNotEqualTo("succeeded");
    js("window.__sameDocument = 'marked before the build ended'");
    new WebDriverWait(browser, BUILD_TIME)
        .ignoring(StaleElementReferenceException.class)
        .withMessage(() -> "build " + slowBuild + " never succeeded on the page\n" + stack.logs())
        .until(d -> d.findElement(By.id("state")).getText().equals("succeeded"));

    // the page changed under the same document: no reload, no navigation
    assertThat(js("return window.__sameDocument")).isEqualTo("marked before the build ended");
    assertThat(browser.findElement(By.id("state")).getAttribute("class"))
        .contains("state-succeeded");
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .until(d -> d.findElement(By.id("log")).getText().contains("still here"));
    assertThat(browser.findElement(By.id("log")).getText()).contains("building slowly");
    photograph("build-succeeded");
    open("/copr/" + COPR);
    assertThat(browser.findElement(By.cssSelector("table.matrix")).getText())
        .contains("web-slow")
        .contains("succeeded");
    photograph("copr-overview");
    open("/copr/" + COPR + "/builds");
    photograph("builds");
    open("/copr/" + COPR + "/packages");
    photograph("packages");
    open("/copr/" + COPR + "/package/web-slow");
    photograph("package");
  }

  @Test
  @Order(4)
  void aFailedBuildSaysWhyAndItsLogStartsWithTheBuild() throws Exception {
    // A C file missing a declaration and a ';': gcc fails %build.
    String spec =
        TestRpms.spec("web-broken", "0.1", TestRpms.Options.defaults())
            .replace(
                "%build\n",
                "%build\necho 'this package is meant to fail to build'\n"
                    + "printf 'int main(void) {\\n  return undefined_thing\\n}\\n' > hello.c\n"
                    + "gcc -o hello hello.c\n");
    Path srpm = TestRpms.srpmFromSpec(work.resolve("srpms"), "web-broken", spec);
    open("/copr/" + COPR + "/upload");
    browser.findElement(By.id("srpm")).sendKeys(srpm.toAbsolutePath().toString());
    browser.findElement(By.id("upload-button")).click();
    new WebDriverWait(browser, Duration.ofSeconds(30))
        .until(d -> d.getCurrentUrl().contains("/builds?package=web-broken"));
    browser.findElement(By.cssSelector("table.builds tbody a[href^='/build/']")).click();

    new WebDriverWait(browser, BUILD_TIME)
        .ignoring(StaleElementReferenceException.class)
        .withMessage(() -> "the broken build never failed on the page\n" + stack.logs())
        .until(d -> d.findElement(By.id("state")).getText().equals("failed"));
    new WebDriverWait(browser, Duration.ofSeconds(10))
        .ignoring(StaleElementReferenceException.class)
        .until(
            d ->
                d.findElement(By.id("log"))
                    .getText()
                    .contains("this package is meant to fail to build"));
    browser.navigate().refresh();
    assertThat(browser.findElement(By.id("log")).getText())
        .contains("this package is meant to fail to build");
    String reason = browser.findElement(By.id("reason")).getText();
    assertThat(reason)
        .as("the failing step and rpmbuild's error line, then gcc's last error")
        .startsWith("%build failed: error: Bad exit status from /build/tmp/rpm-tmp.")
        .contains(" (%build); last error before it: hello.c:2:25: error: expected ");
    assertThat(browser.findElement(By.id("failure-log")).getText())
        .contains("hello.c:2:10: error:")
        .contains("error: Bad exit status from /build/tmp/rpm-tmp.");
    String log = browser.findElement(By.id("log")).getText();
    assertThat(log).startsWith("Installing /srpm/").doesNotContain("bwrap");
    String attempt = browser.findElement(By.id("attempt")).getText();
    HttpResponse<String> plain =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            stack.apiUrl()
                                + URI.create(browser.getCurrentUrl()).getPath()
                                + "/log/"
                                + attempt))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(plain.statusCode()).isEqualTo(200);
    assertThat(plain.body())
        .as("the log a packager reads starts with their build, not the sandbox's command line")
        .startsWith("Installing /srpm/")
        .doesNotContain("bwrap")
        .doesNotContain("--unshare")
        .contains("this package is meant to fail to build");
    photograph("build-failed");
  }

  @Test
  @Order(5)
  void theOwnerGrantsABuilder() {
    open("/copr/" + COPR + "/settings");
    browser.findElement(By.id("grant-user")).sendKeys(HELPER);
    new Select(browser.findElement(By.id("grant-level"))).selectByValue("builder");
    browser.findElement(By.cssSelector("#grant button")).click();

    assertThat(browser.findElement(By.id("permissions")).getText())
        .contains(HELPER)
        .contains("builder");
    photograph("settings");
  }

  @Test
  @Order(6)
  void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
    String cookies =
        browser.manage().getCookies().stream()
            .map(c -> c.getName() + "=" + c.getValue())
            .collect(Collectors.joining("; "));
    HttpResponse<String> forged =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(stack.apiUrl() + "/copr/" + COPR + "/edit"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cookie", cookies)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "description=forged&releases=fedora-40&arches=x86_64"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(forged.statusCode()).isBetween(400, 499);
    assertThat(api("GET", "/coprs/" + COPR, null).body()).doesNotContain("forged");
  }

  @Test
  @Order(7)
  void theOwnerDeletesAPackageAfterConfirming() throws Exception {
    open("/copr/" + COPR + "/package/web-broken");
    browser.findElement(By.id("confirm-pkg")).sendKeys("web-broken");
    browser.findElement(By.cssSelector("#delete-package button")).click();

    assertThat(browser.getCurrentUrl()).endsWith("/copr/" + COPR + "/packages");
    assertThat(api("GET", "/coprs/" + COPR + "/packages/web-broken", null).statusCode())
        .isEqualTo(404);
    assertThat(browser.findElement(By.cssSelector("table.matrix")).getText())
        .doesNotContain("web-broken")
        .contains("web-slow");
  }

  @Test
  @Order(8)
  void aVisitorWhoIsNotLoggedInSeesNoWriteControls() {
    open("/");
    photograph("home-with-builds");
    open("/queue");
    photograph("queue");
    browser.findElement(By.cssSelector("header form[action='/logout'] button")).click();
    browser.manage().deleteAllCookies();
    for (String page :
        List.of(
            "/",
            "/queue",
            "/copr/" + COPR,
            "/copr/" + COPR + "/builds",
            "/copr/" + COPR + "/packages",
            "/copr/" + COPR + "/package/web-slow",
            "/build/" + slowBuild)) {
      open(page);
      assertThat(browser.findElements(By.cssSelector("form[method='post']"))).as(page).isEmpty();
      assertThat(browser.findElements(By.id("settings-link"))).as(page).isEmpty();
      assertThat(browser.findElements(By.id("upload-link"))).as(page).isEmpty();
    }
    open("/copr/" + COPR + "/settings");
    assertThat(browser.getCurrentUrl()).contains("/login");
  }

  private static void open(String path) {
    browser.get(stack.apiUrl() + path);
  }

  private static Object js(String script) {
    return ((JavascriptExecutor) browser).executeScript(script);
  }

  /** The page as it is now, at 1280 and at 390 pixels wide (a phone), then back to 1280. */
  private static void photograph(String name) {
    try {
      for (Width width : Width.values()) {
        browser.manage().window().setSize(new Dimension(width.pixels, 1000));
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(
            shot,
            SCREENSHOTS.resolve(name + "-" + width.name().toLowerCase() + ".png"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      browser.manage().window().setSize(new Dimension(1280, 1000));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static HttpResponse<String> api(String method, String path, String body)
      throws IOException, InterruptedException {
    return stack.api(method, path, body, "admin", stack.adminPassword);
  }
}
