package cn.beijing.carboninclusion.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.project.Objections;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.registry.IssueRequest;
import cn.beijing.carboninclusion.registry.Registry;
import cn.beijing.carboninclusion.support.Browser;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The disclosure portal in a real headless Chromium, as a member of the public uses it: the home page, the project
 * list filtered to projects in publicity, a project's page, an objection refused for a too-short text and then filed,
 * counted on the page. Screenshots of each step go to {@code target/screenshots/portal-*.png}.
 */
class PortalBrowserTest extends PlatformIntegrationTest {
  @Autowired ApplicationContext context;
  @Autowired Objections objections;
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
  void theBrowserFindsAProjectInPublicityAndFilesAnObjection() {
    Project project = cases.aProjectInPublicity();
    // ::1, not 127.0.0.1: the API tests use up 127.0.0.1's hourly allowance of objections (5 per client address)
    String portal = "http://[::1]:" + port + "/portal";
    try (Browser browser = Browser.start()) {
      browser.open(portal);
      assertThat(browser.title()).contains("北京市碳普惠信息公开");
      assertThat(browser.find(By.cssSelector("ul.counts")).getText()).contains("公示中项目", "现行方法学");
      browser.screenshot("portal-1-home");

      browser.find(By.linkText("项目")).click();
      new Select(browser.find(By.name("status"))).selectByVisibleText("公示中");
      browser.find(By.cssSelector("#filters button")).click();
      browser.waitUntil(ExpectedConditions.urlContains("status=IN_PUBLICITY"));
      assertThat(browser.find(By.cssSelector("table.data")).getText()).contains(project.getName())
          .doesNotContain("已登记");
      browser.screenshot("portal-2-projects-in-publicity");

      browser.find(By.linkText(project.getName())).click();
      browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("objection-form")));
      assertThat(browser.find(By.id("status")).getText()).isEqualTo("公示中");
      assertThat(browser.find(By.id("days-left")).getText()).matches("公示剩余 \\d+ 个工作日");
      assertThat(browser.find(By.id("objection-count")).getText()).isEqualTo("异议 0 件");
      browser.screenshot("portal-3-project-in-publicity");

      browser.find(By.name("content")).sendKeys("太短");
      browser.find(By.cssSelector("#objection-form button")).click();
      browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.cssSelector("ul.errors")));
      assertThat(browser.find(By.cssSelector("ul.errors")).getText()).contains("异议内容：须为 10 至 4000 字");
      assertThat(objections.countByProjectId(project.getId())).isZero();
      browser.screenshot("portal-4-objection-refused");

      browser.find(By.name("content")).clear();
      browser.find(By.name("content")).sendKeys("该项目申报的骑行数据与我单位已登记项目的数据来源相同，请核实是否重复申报。");
      browser.find(By.cssSelector("#objection-form button")).click();
      browser.waitUntil(ExpectedConditions.textToBe(By.id("objection-count"), "异议 1 件"));
      assertThat(browser.find(By.cssSelector("p.notice")).getText()).contains("异议已收到");
      assertThat(browser.currentUrl()).contains("/portal/projects/" + project.getId());
      assertThat(objections.countByProjectId(project.getId())).isOne();
      browser.screenshot("portal-5-objection-filed");
    }
  }

  @Test
  void theStatisticsPageDrawsItsChartsFromItsTables() {
    // 100 t issued this month: the month's point of the line and the table's row agree, as do the district bars
    long developerId = context.getBean(DeveloperOrganisations.class)
        .findByCreditCode("91110105MA01ABCD13").orElseThrow().getId();
    long projectId = ThreadLocalRandom.current().nextLong(2_000_000_000L, 3_000_000_000L);
    String registrationNo = String.format("BJCI-P-2097-%04d",
        ThreadLocalRandom.current().nextInt(10_000));
    YearMonth month = YearMonth.now(ZoneId.of("Asia/Shanghai"));
    new TransactionTemplate(context.getBean(
        PlatformTransactionManager.class)).executeWithoutResult(s -> context.getBean(
        Registry.class).issue(new IssueRequest(
        projectId, projectId, registrationNo, developerId, 2025, 100)));
    cases.aProjectInPublicity();
    try (Browser browser = Browser.start(1280, 720)) {
      browser.open("http://[::1]:" + port + "/portal/statistics");
      assertThat(browser.title()).contains("统计图表");
      JavascriptExecutor js = (JavascriptExecutor) browser.driver();
      browser.waitUntil(d -> js.executeScript("return typeof echarts !== 'undefined' && "
          + "!!echarts.getInstanceByDom(document.getElementById('chart-districts'))"));
      // the line chart: 24 months, the last is this month, its issued point equals the table's cell
      @SuppressWarnings("unchecked")
      List<Object> months = (List<Object>) js.executeScript(
          "return echarts.getInstanceByDom(document.getElementById('chart-flows')).getOption().xAxis[0].data");
      assertThat(months).hasSize(24).last().isEqualTo(month.toString());
      Number issuedPoint = (Number) js.executeScript("var s = echarts.getInstanceByDom("
          + "document.getElementById('chart-flows')).getOption().series; return s[0].data[s[0].data.length - 1]");
      String issuedCell = browser.find(By.cssSelector("#table-flows tbody tr:last-child td")).getText();
      assertThat(issuedPoint.longValue()).isEqualTo(Long.parseLong(issuedCell)).isGreaterThanOrEqualTo(100);
      // the bars: one series per public status, one bar per district, the districts of the table
      Number districts = (Number) js.executeScript("return echarts.getInstanceByDom("
          + "document.getElementById('chart-districts')).getOption().xAxis[0].data.length");
      assertThat(districts.intValue()).isPositive()
          .isEqualTo(browser.driver().findElements(By.cssSelector("#table-districts tbody tr th")).size());
      assertThat(browser.find(By.cssSelector("#chart-districts canvas")).isDisplayed()).isTrue();
      assertThat(browser.find(By.id("table-districts")).getText()).contains("公示中", "海淀区");
      browser.screenshot("portal-statistics");
    }
  }
}
