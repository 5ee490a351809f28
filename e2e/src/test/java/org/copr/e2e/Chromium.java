package org.copr.e2e;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/** Debian's Chromium, headless, through its chromedriver: the browser of the e2e web tests. */
final class Chromium {
  private Chromium() {}

  /** A new browser, 1280 by 1000 pixels, keeping its profile in {@code profile}. */
  static ChromeDriver start(Path profile) {
    return start(profile, new ChromeOptions());
  }

  /**
   * Also keeps DevTools' network events in the performance log, so that a test can ask for the body
   * of the page the browser shows as the server sent it ({@code Network.getResponseBody}): pages
   * are {@code no-store}, so the browser's cache does not have it.
   */
  static ChromeDriver startLoggingTheNetwork(Path profile) {
    ChromeOptions options = new ChromeOptions();
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    return start(profile, options);
  }

  private static ChromeDriver start(Path profile, ChromeOptions options) {
    options.setBinary("/usr/bin/chromium");
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--user-data-dir=" + profile,
        "--window-size=1280,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File("/usr/bin/chromedriver"))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    return driver;
  }
}
