package cn.beijing.carboninclusion.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.registry.IssueRequest;
import cn.beijing.carboninclusion.registry.Registry;
import cn.beijing.carboninclusion.support.Browser;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The portal meets WCAG 2.1 AA as far as a machine can tell (issue 26, item 3; GB/T 37668-2019 builds on WCAG 2.x):
 * axe-core (npm {@code axe-core}, pinned in package-lock.json) runs in the real headless Chromium on every portal
 * page — each page of the navigation, a detail page behind each list, a project in publicity with its objection form,
 * the error page — with the rule tags of WCAG 2.0/2.1 A and AA, and reports no serious or critical violation. The
 * counts per page and impact are written to {@code target/axe/portal.txt} (docs/portal.md quotes them). A member of
 * the public files an objection with the keyboard alone, and the elderly-friendly mode (长者模式) persists across pages.
 */
class PortalAccessibilityTest extends PlatformIntegrationTest {
  private static final Path AXE = Path.of("node_modules", "axe-core", "axe.min.js");
  private static final List<String> TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

  @Autowired ApplicationContext context;
  @LocalServerPort int port;
  ProjectCases cases;

  @BeforeEach
  void setUp() {
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    cases.cleanUp();
  }

  @Test
  void everyPortalPageHasNoSeriousOrCriticalViolation() throws IOException {
    Project inPublicity = cases.aProjectInPublicity();
    String base = "http://[::1]:" + port;
    String axe = Files.readString(AXE, StandardCharsets.UTF_8);
    Map<String, Map<String, Integer>> counts = new TreeMap<>();
    Map<String, List<String>> serious = new LinkedHashMap<>();
    try (Browser browser = Browser.start(1280, 900)) {
      Set<String> pages = new LinkedHashSet<>();
      browser.open(base + "/portal");
      for (WebElement link : browser.driver().findElements(By.cssSelector("header.site nav a"))) {
        pages.add(link.getAttribute("href"));
      }
      assertThat(pages).as("the navigation").hasSizeGreaterThanOrEqualTo(10);
      // a detail page behind each list
      for (String list : List.copyOf(pages)) {
        browser.open(list);
        String path = URI.create(list).getPath();
        for (WebElement link : browser.driver().findElements(By.cssSelector("main a[href]"))) {
          String href = link.getAttribute("href");
          String target = URI.create(href).getPath();
          if (target.startsWith(path + "/") && !target.endsWith(".csv") && !target.endsWith(".json")
              && !target.endsWith("/document")) {
            pages.add(href);
            break;
          }
        }
      }
      pages.add(base + "/portal/projects/" + inPublicity.getId());
      pages.add(base + "/portal/class-two/overdue-reports");
      pages.add(base + "/portal/verify-share");
      pages.add(base + "/portal/projects/987654321"); // the error page (404)
      pages.add(base + certificatePage()); // a certificate's page, as its QR code opens it
      for (String page : pages) {
        browser.open(page);
        Map<String, Object> result = run(browser, axe);
        String name = URI.create(page).getPath() + (URI.create(page).getQuery() == null ? ""
            : "?" + URI.create(page).getQuery());
        Map<String, Integer> byImpact = new TreeMap<>(Map.of("critical", 0, "serious", 0, "moderate", 0,
            "minor", 0));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) result.get("violations");
        for (Map<String, Object> violation : violations) {
          String impact = String.valueOf(violation.get("impact"));
          @SuppressWarnings("unchecked")
          List<Map<String, Object>> nodes = (List<Map<String, Object>>) violation.get("nodes");
          byImpact.merge(impact, nodes.size(), Integer::sum);
          if ("serious".equals(impact) || "critical".equals(impact)) {
            serious.computeIfAbsent(name, k -> new ArrayList<>()).add(violation.get("id") + " ("
                + nodes.size() + "): " + nodes.stream().limit(3).map(n -> String.valueOf(n.get("target")))
                .toList());
          }
        }
        counts.put(name, byImpact);
        assertThat(((Number) result.get("passes")).intValue()).as("rules that ran and passed on %s", name)
            .isGreaterThan(10);
      }
      // the check itself finds what it should: an image without a text alternative is critical
      browser.open(base + "/portal");
      ((JavascriptExecutor) browser.driver()).executeScript(
          "document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/portal/portal.css\">')");
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> planted = (List<Map<String, Object>>) run(browser, axe).get("violations");
      assertThat(planted).extracting(v -> v.get("id") + ":" + v.get("impact")).contains("image-alt:critical");
    }
    StringBuilder report = new StringBuilder("axe-core " + TAGS + ", violations (elements) per page and impact\n");
    counts.forEach((page, byImpact) -> report.append(page).append(' ').append(byImpact).append('\n'));
    Files.createDirectories(Path.of("target", "axe"));
    Files.writeString(Path.of("target", "axe", "portal.txt"), report, StandardCharsets.UTF_8);
    System.out.println(report);
    assertThat(counts).as("pages checked").hasSizeGreaterThanOrEqualTo(15);
    assertThat(serious).as("serious or critical violations").isEmpty();
  }

  @Test
  void aMemberOfThePublicFilesAnObjectionWithTheKeyboardAlone() {
    Project project = cases.aProjectInPublicity();
    // ::1, not 127.0.0.1: the API tests use up 127.0.0.1's hourly allowance of objections (5 per client address)
    try (Browser browser = Browser.start(1280, 900)) {
      browser.open("http://[::1]:" + port + "/portal/projects/" + project.getId());
      WebElement body = browser.find(By.tagName("body"));
      // the first Tab reaches the skip link, shown when focused; Enter moves to the content
      body.sendKeys(Keys.TAB);
      WebElement skip = focused(browser);
      assertThat(skip.getText()).isEqualTo("跳到正文");
      assertThat(skip.isDisplayed()).isTrue();
      skip.sendKeys(Keys.ENTER);
      assertThat(focused(browser).getAttribute("id")).isEqualTo("content");
      // Tab on, only Tab, until the objection text; every stop shows the focus ring
      List<String> stops = new ArrayList<>();
      for (int i = 0; i < 60 && !"content".equals(focused(browser).getAttribute("name")); i++) {
        new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
        WebElement now = focused(browser);
        stops.add(now.getTagName() + ":" + (now.getAttribute("name") == null ? now.getText() : now.getAttribute("name")));
        assertThat(now.getCssValue("outline-style")).as("focus ring on %s", stops.get(stops.size() - 1))
            .isNotEqualTo("none");
      }
      assertThat(stops).as("the tab order").contains("input:objectorName", "input:contact", "textarea:content");
      assertThat(stops.indexOf("input:objectorName")).isLessThan(stops.indexOf("textarea:content"));
      new Actions(browser.driver()).sendKeys("该项目的骑行数据与我单位已登记项目的数据来源相同，请核实是否重复申报。").perform();
      new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
      assertThat(focused(browser).getText()).isEqualTo("提交异议");
      new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
      browser.waitUntil(ExpectedConditions.textToBe(By.id("objection-count"), "异议 1 件"));
      assertThat(browser.find(By.cssSelector("p.notice")).getText()).contains("异议已收到");
      browser.screenshot("portal-keyboard-objection-filed");
    }
  }

  @Test
  void theElderlyFriendlyModeEnlargesTheTextAndStaysOnFromPageToPage() {
    try (Browser browser = Browser.start(1280, 900)) {
      String base = "http://[::1]:" + port + "/portal";
      browser.open(base);
      double normal = fontSize(browser);
      WebElement toggle = browser.find(By.id("elder-toggle"));
      assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("false");
      toggle.sendKeys(Keys.SPACE); // a button works from the keyboard
      assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("true");
      double larger = fontSize(browser);
      assertThat(larger).isGreaterThanOrEqualTo(normal * 1.25);
      // another page, opened afresh: still on, no motion
      browser.open(base + "/projects");
      assertThat(browser.find(By.id("elder-toggle")).getAttribute("aria-pressed")).isEqualTo("true");
      assertThat(fontSize(browser)).isEqualTo(larger);
      assertThat(browser.find(By.cssSelector("header.site nav a")).getCssValue("transition-duration"))
          .isEqualTo("0s");
      browser.screenshot("portal-elder-mode");
      // and off again, everywhere
      browser.find(By.id("elder-toggle")).click();
      browser.open(base);
      assertThat(fontSize(browser)).isEqualTo(normal);
    }
  }

  /** The page a certificate's QR code leads to: a block issued, its certificate downloaded by the developer. */
  private String certificatePage() {
    Project project = cases.aRegisteredProject();
    long applicationId = ThreadLocalRandom.current().nextLong(6_000_000_000L, 7_000_000_000L);
    new TransactionTemplate(context.getBean(
        PlatformTransactionManager.class)).executeWithoutResult(s -> context.getBean(
        Registry.class).issue(new IssueRequest(
        applicationId, project.getId(), project.getRegistrationNo(), project.getDeveloperId(), 2025, 50)));
    Long issuanceId = context.getBean(JdbcTemplate.class).queryForObject(
        "select id from registry_issuance where application_id = ?", Long.class, applicationId);
    assertThat(context.getBean(TestRestTemplate.class)
        .withBasicAuth("greentravel", "demo").getForEntity("/api/registry/issuances/" + issuanceId + "/certificate",
            byte[].class).getStatusCode().value()).isEqualTo(200);
    return "/portal/certificates/BJCI-C-I-" + String.format("%08d", issuanceId);
  }

  private static WebElement focused(Browser browser) {
    return browser.driver().switchTo().activeElement();
  }

  private static double fontSize(Browser browser) {
    return Double.parseDouble(browser.find(By.tagName("body")).getCssValue("font-size").replace("px", ""));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> run(Browser browser, String axe) {
    JavascriptExecutor js = (JavascriptExecutor) browser.driver();
    browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    js.executeScript(axe);
    return (Map<String, Object>) js.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: %s}})
          .then(r => done({passes: r.passes.length, violations: r.violations.map(v => ({id: v.id, impact: v.impact,
            nodes: v.nodes.map(n => ({target: n.target.join(' ')}))}))}))
          .catch(e => done({violations: [{id: 'axe-error ' + e, impact: 'critical', nodes: [{target: ''}]}]}));
        """.formatted(TAGS.stream().map(t -> "'" + t + "'").toList()));
  }
}
