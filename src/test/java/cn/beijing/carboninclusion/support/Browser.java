package cn.beijing.carboninclusion.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium for browser tests and screenshots: Debian's {@code /usr/bin/chromium} driven through
 * {@code /usr/bin/chromedriver} (both installed by {@code tools/ensure-chromium.sh}, which the build runs). Nothing is
 * downloaded: no Selenium Manager, no browser builds. A missing browser fails the test — it is never skipped.
 *
 * <pre>
 * try (Browser browser = Browser.start()) {
 *   browser.open(baseUrl + "/portal");
 *   browser.screenshot("portal-home");   // target/screenshots/portal-home.png
 * }
 * </pre>
 */
public final class Browser implements AutoCloseable {
  public static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
  public static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** The browser language of {@link #start()}: Simplified Chinese, as the platform's users have it. */
  public static final String CHINESE = "zh-CN";

  /** Starts a headless Chromium with a fresh profile, a 1280×1600 window and Chinese as its language. */
  public static Browser start() {
    return start(1280, 1600);
  }

  /** Starts a headless Chromium with a fresh profile, a window of that size and Chinese as its language. */
  public static Browser start(int width, int height) {
    return start(width, height, CHINESE);
  }

  /**
   * Starts a headless Chromium with a fresh profile, a window of that size and that preferred language (a BCP 47
   * tag such as {@code zh-CN} or {@code en-US}): the UI language ({@code --lang}), {@code navigator.languages} and the
   * {@code Accept-Language} header ({@code intl.accept_languages}: the tag, then its primary subtag).
   */
  public static Browser start(int width, int height, String language) {
    for (Path required : new Path[] {CHROMIUM, CHROMEDRIVER}) {
      if (!Files.isExecutable(required)) {
        throw new IllegalStateException(required + " is missing: run tools/ensure-chromium.sh "
            + "(apt-get install chromium chromium-driver); browser tests never skip");
      }
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("chromium-profile-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--lang=" + language, "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile.toAbsolutePath());
    String primary = language.split("-")[0];
    options.setExperimentalOption("prefs",
        Map.of("intl.accept_languages", primary.equals(language) ? language : language + "," + primary));
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort()
        // fontconfig finds the CJK font (fonts-wqy-zenhei) system-wide; a UTF-8 Chinese locale for the browser
        .withEnvironment(Map.of("LANG", "zh_CN.UTF-8", "LANGUAGE", "zh_CN:zh"))
        .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(width, height));
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(driver, profile);
  }

  /** Opens the URL and waits for the page to have loaded. */
  public Browser open(String url) {
    driver.get(url);
    return this;
  }

  public WebDriver driver() {
    return driver;
  }

  public WebElement find(By by) {
    return driver.findElement(by);
  }

  public String title() {
    return driver.getTitle();
  }

  public String currentUrl() {
    return driver.getCurrentUrl();
  }

  /** Waits (at most 10 s) until the condition holds. */
  public <T> T waitUntil(Function<WebDriver, T> condition) {
    return waitUntil(Duration.ofSeconds(10), condition);
  }

  /** Waits at most {@code timeout} until the condition holds (single-page apps that load scripts and data first). */
  public <T> T waitUntil(Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout).until(condition);
  }

  /**
   * Scrolls the element to the top of the window, {@code below} pixels under it (clear of a fixed page header), for
   * a screenshot of a panel further down the page.
   */
  public WebElement scrollToTop(WebElement element, int below) {
    driver.executeScript("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -arguments[1]);",
        element, below);
    return element;
  }

  /** Saves the visible page as {@code target/screenshots/<name>.png} and returns its path. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Quits the browser and removes its profile. */
  public void quit() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a leftover temporary profile under target/ is harmless
      }
    }
  }

  @Override
  public void close() {
    quit();
  }
}
