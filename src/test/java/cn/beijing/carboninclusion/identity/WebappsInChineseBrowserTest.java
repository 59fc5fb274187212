package cn.beijing.carboninclusion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.kpi.KpiDailyHistory;
import cn.beijing.carboninclusion.kpi.KpiSnapshots;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.Browser;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.time.Duration;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Tasklist and Cockpit in a real headless Chromium whose language is Chinese, as a reviewer and an administrator use
 * them: the login pages, Tasklist's filter 技术中心待办 with a technical review task (its Chinese Camunda Form), and
 * the Cockpit dashboard with the KPI plugin 碳普惠 运行指标. Every text asserted comes from the platform's
 * {@code locales/zh.json}, the forms or the plugin, so an English page fails the test. Screenshots (1280×800) go to
 * {@code target/screenshots/}; the documentation shows copies of them ({@code docs/images/}).
 *
 * <p>Relative dates are Chinese too ("创建时间 几秒前", not "a few seconds ago"): the webapps load the fallback
 * locale's file besides the chosen one and whichever arrives last sets moment's date language, which is why the
 * platform's config.js falls back to zh, not en.
 */
class WebappsInChineseBrowserTest extends PlatformIntegrationTest {
  /** Single-page apps: scripts, translations and data load after the page. */
  static final Duration LOAD = Duration.ofSeconds(30);

  @Autowired ApplicationContext context;
  @Autowired KpiSnapshots kpis;
  @Autowired KpiDailyHistory dailyHistory;
  @Autowired org.springframework.jdbc.core.JdbcTemplate jdbc;
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
  void aTechnicalReviewerWorksInTheChineseTasklist() {
    Project project = cases.aProjectInTechnicalReview();
    Task review = cases.technicalReviewOf(project);
    try (Browser browser = Browser.start(1280, 800)) {
      logIn(browser, "http://localhost:" + port + "/camunda/app/tasklist/default/", "wangfang");
      // the app name of the platform's config.js
      browser.waitUntil(LOAD, ExpectedConditions.titleContains("任务清单"));
      WebElement filter = browser.waitUntil(LOAD, ExpectedConditions.elementToBeClickable(
          By.xpath("//*[contains(@class,'task-filters')]//a[contains(normalize-space(.), '技术中心待办')]")));
      assertThat(browser.find(By.cssSelector(".task-filters")).getText()).contains("技术中心待办", "我的待办")
          .doesNotContain("生态环境局待办", "交易所待办");
      filter.click();

      // newest first (Tasklist's default sorting): the project's task is at the top of the list
      By reviewLink = By.cssSelector("ol.tasks-list li.task a[href*='task=" + review.getId() + "']");
      browser.waitUntil(LOAD, ExpectedConditions.visibilityOfElementLocated(reviewLink));
      WebElement item = browser.find(By.xpath("//ol[contains(@class,'tasks-list')]/li[contains(@class,'task')]"
          + "[.//a[contains(@href, 'task=" + review.getId() + "')]]"));
      assertThat(item.getText()).contains("技术评估", "一类项目", "创建时间").doesNotContain("ago", "seconds");
      // the list's sorting (tasklist zh.json: CREATION)
      assertThat(browser.find(By.cssSelector(".sorting-choice .sort-by")).getText()).isEqualTo("创建时间");
      // the mouse off the filter, so that its tooltip fades before the screenshot
      new Actions(browser.driver()).moveToElement(item).perform();
      browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".tooltip")));
      browser.screenshot("tasklist-zh-1-list");

      browser.find(reviewLink).click();
      WebElement card = browser.waitUntil(LOAD, ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector("section.task-card")));
      browser.waitUntil(LOAD, ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section.task-card"),
          "评估结论"));
      browser.waitUntil(LOAD, d -> fieldValue(browser, "项目名称").equals(project.getName()));
      assertThat(card.findElement(By.cssSelector("h2.task")).getText()).isEqualTo("技术评估");
      // labels of forms/technical-review.form
      assertThat(card.getText()).contains("项目信息", "项目名称", "项目开发方", "方法学", "自动核查结果", "评估结论",
          "评估意见");
      assertThat(fieldValue(browser, "方法学")).startsWith("BJCI-M-TRAVEL ");
      assertThat(fieldValue(browser, "项目开发方")).isNotBlank();
      // the task's actions and tabs (tasklist zh.json: CLAIM_TASK, FORM, HISTORY, DIAGRAM, DESCRIPTION,
      // SET_FOLLOW_UP_DATE)
      assertThat(card.findElement(By.cssSelector("button.claim")).getText()).isEqualTo("认领");
      assertThat(card.getText()).contains("表单", "历史", "流程图", "描述", "设置跟进日期");
      browser.screenshot("tasklist-zh-2-task");
    }
  }

  @Test
  void anAdministratorSeesTheKpisOnTheChineseCockpitDashboard() {
    cases.aProjectInTechnicalReview();
    kpis.refresh(); // the dashboard shows the snapshot of the last refresh: make it include the task just created
    try (Browser browser = Browser.start(1280, 800)) {
      logIn(browser, "http://localhost:" + port + "/camunda/app/cockpit/default/", "admin");
      browser.waitUntil(LOAD, ExpectedConditions.titleContains("运行监控"));
      // Cockpit's own dashboard panels and navigation (cockpit zh.json: DASHBOARD_RUNNING_PROCESS_INSTANCE, …)
      browser.waitUntil(LOAD, ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"),
          "运行中的流程实例"));
      assertThat(browser.find(By.tagName("body")).getText()).contains("未解决的异常事件", "未完成的人工任务",
          "流程", "决策");

      // the KPI plugin renders its tables once its snapshot arrived
      WebElement kpi = browser.waitUntil(LOAD, ExpectedConditions.visibilityOfElementLocated(
          By.cssSelector(".carbon-kpi section.carbon-kpi-section table")));
      WebElement panel = browser.find(By.cssSelector(".carbon-kpi"));
      assertThat(panel.findElement(By.tagName("h3")).getText()).isEqualTo("碳普惠 运行指标");
      assertThat(panel.getText()).contains("统计时间", "在办案件（按流程）", "待办任务（按候选组）", "项目状态")
          .doesNotContain("读取失败", "无权查看");
      List<WebElement> openTasks = panel.findElements(By.xpath(
          ".//section[h4='待办任务（按候选组）']//tr[td[contains(., '(techcenter)')]]/td"));
      assertThat(openTasks).as("techcenter row of the open tasks").hasSize(4);
      assertThat(Integer.parseInt(openTasks.get(1).getText())).isPositive();
      assertThat(panel.findElements(By.cssSelector("table td")).stream().map(WebElement::getText)
          .filter(text -> text.matches("\\d+(\\.\\d+)?")).count()).isGreaterThan(5);
      assertThat(kpi.isDisplayed()).isTrue();
      // the tables below the charts, below Cockpit's fixed header
      browser.scrollToTop(panel.findElement(By.cssSelector("section.carbon-kpi-section")), 90);
      browser.screenshot("cockpit-kpi-dashboard");
    }
  }

  /** The five ECharts charts of the KPI panel, in 1280×720, each drawn with data and followed by its data table. */
  @Test
  void theKpiDashboardDrawsItsChartsWithDataTablesInChinese() {
    cases.aProjectInTechnicalReview(); // an open task of techcenter
    cases.aProjectInPublicity(); // a completed technical review: the box plot has a box
    // a technical review completed after its due date: an SLA breach this month
    Project late = cases.aProjectInTechnicalReview();
    org.camunda.bpm.engine.TaskService tasks = context.getBean(org.camunda.bpm.engine.TaskService.class);
    Task review = cases.technicalReviewOf(late);
    review.setDueDate(java.util.Date.from(java.time.Instant.now().minus(Duration.ofHours(2))));
    tasks.saveTask(review);
    cases.completeAs("wangfang", cases.technicalReviewOf(late),
        java.util.Map.of("reviewDecision", "APPROVE", "reviewComment", "技术评估通过"));
    // 40 tCO2e issued and 15 of them retired this month (a retirement row of this test, deleted afterwards)
    long developerId = context.getBean(cn.beijing.carboninclusion.developer.DeveloperOrganisations.class)
        .findByCreditCode("91110105MA01ABCD13").orElseThrow().getId();
    long projectId = java.util.concurrent.ThreadLocalRandom.current().nextLong(3_000_000_000L, 4_000_000_000L);
    new org.springframework.transaction.support.TransactionTemplate(
        context.getBean(org.springframework.transaction.PlatformTransactionManager.class))
        .executeWithoutResult(s -> context.getBean(cn.beijing.carboninclusion.registry.Registry.class).issue(
            new cn.beijing.carboninclusion.registry.IssueRequest(projectId, projectId, String.format("BJCI-P-2097-%04d",
                projectId % 10_000), developerId, 2025, 40)));
    jdbc.update("""
        insert into registry_retirement (kind, purpose, account_id, quantity, beneficiary, actor, occurred_at)
        values ('RETIREMENT', 'ORGANISATION_NEUTRALITY',
                (select id from registry_account where kind = 'RETIREMENT'), 15, '浏览器测试', 'kpi-browser-test', ?)""",
        java.time.OffsetDateTime.now());
    try {
      chartsInChromium();
    } finally {
      jdbc.update("delete from registry_retirement where actor = 'kpi-browser-test'");
    }
  }

  private void chartsInChromium() {
    // today's daily snapshot (written at start-up, before these cases) written again with them
    jdbc.update("delete from kpi_daily where snapshot_day = ?",
        java.sql.Date.valueOf(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"))));
    assertThat(dailyHistory.recordToday()).isTrue();
    kpis.refresh();
    try (Browser browser = Browser.start(1280, 720)) {
      logIn(browser, "http://localhost:" + port + "/camunda/app/cockpit/default/", "admin");
      browser.waitUntil(LOAD, ExpectedConditions.titleContains("运行监控"));
      browser.waitUntil(LOAD, ExpectedConditions.presenceOfElementLocated(By.cssSelector(".carbon-kpi table")));
      List<WebElement> charts = browser.driver().findElements(By.cssSelector(".carbon-kpi figure.carbon-kpi-chart"));
      assertThat(charts).extracting(c -> c.getAttribute("data-chart")).containsExactly("stage-cases",
          "group-backlog", "cycle-time-box", "sla-breaches", "reductions");
      assertThat(charts).extracting(c -> c.findElement(By.tagName("h4")).getText()).allSatisfy(
          title -> assertThat(title).matches(".*[\\u4e00-\\u9fff].*"));
      assertThat(charts.get(2).findElement(By.tagName("h4")).getText()).startsWith("各环节办理时长分布");
      JavascriptExecutor js = (JavascriptExecutor) browser.driver();
      for (WebElement chart : charts) {
        String id = chart.getAttribute("data-chart");
        WebElement canvasBox = chart.findElement(By.cssSelector(".carbon-kpi-chart-canvas"));
        // drawn: ECharts's canvas carries painted (non-transparent) pixels, from series with data points
        browser.waitUntil(LOAD, d -> ((Number) js.executeScript("""
            const c = arguments[0].querySelector('canvas');
            if (!c || c.width === 0) { return 0; }
            const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
            let n = 0;
            for (let i = 3; i < px.length; i += 4) { if (px[i] > 0) { n++; } }
            return n;""", canvasBox)).longValue() > 1000);
        assertThat(Integer.parseInt(canvasBox.getAttribute("data-points"))).as(id + " data points").isPositive();
        // ECharts's aria description of the chart (aria.enabled)
        assertThat(canvasBox.getAttribute("aria-label")).as(id + " aria-label").isNotBlank();
        // the data-table alternative: <details><summary>数据表</summary><table> with header cells and the numbers
        WebElement details = chart.findElement(By.cssSelector("details.carbon-kpi-chart-data"));
        assertThat(details.findElement(By.tagName("summary")).getText()).isEqualTo("数据表");
        assertThat(details.findElements(By.cssSelector("thead th"))).as(id + " headers").hasSizeGreaterThan(1);
        List<WebElement> rows = details.findElements(By.cssSelector("tbody tr"));
        assertThat(rows).as(id + " rows").isNotEmpty();
        assertThat(rows.get(0).getAttribute("textContent")).as(id + " first row").doesNotContain("暂无数据");
      }
      // the box plot's table lists the technical review (技术评估) with its five numbers
      assertThat(charts.get(2).findElement(By.tagName("table")).getAttribute("textContent")).contains("技术评估");
      assertThat(charts.get(4).findElement(By.tagName("table")).getAttribute("textContent")).contains("机构碳中和");
      // two charts side by side at 1280 px
      assertThat(charts.get(1).getLocation().getY()).isEqualTo(charts.get(0).getLocation().getY());
      assertThat(charts.get(1).getLocation().getX()).isGreaterThan(charts.get(0).getLocation().getX());

      browser.scrollToTop(charts.get(0), 60);
      browser.screenshot("cockpit-kpi-charts-1");
      browser.scrollToTop(charts.get(2), 60);
      browser.screenshot("cockpit-kpi-charts-2");
      charts.get(4).findElement(By.tagName("summary")).click(); // the data table opened
      browser.scrollToTop(charts.get(4), 60);
      browser.screenshot("cockpit-kpi-charts-3");
    }
  }

  @Test
  void theEngagedVerifierAndAuditFirmWorkTheirTasksInTheChineseTasklist() {
    // a claim in verification by the demo verifier (hecha), and an audit report the demo audit firm (kuaiji) files
    Project project = cases.aRegisteredProject();
    new cn.beijing.carboninclusion.reduction.ReductionCases(context, cases).fileTrips(project,
        java.time.LocalDate.of(2025, 4, 1), java.time.LocalDate.of(2025, 6, 30), "5.2", 100_000, cases.demoVerifierId());
    org.camunda.bpm.engine.ProcessEngine engine = context.getBean(org.camunda.bpm.engine.ProcessEngine.class);
    var reduction = engine.getRuntimeService().createProcessInstanceQuery()
        .processDefinitionKey("ReductionRegistration").processInstanceBusinessKey(String.valueOf(project.getId()))
        .singleResult();
    runJob(engine, reduction.getId());
    Task verification = engine.getTaskService().createTaskQuery().processInstanceId(reduction.getId())
        .taskDefinitionKey("Task_Verification").singleResult();
    var cycle = engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("AuditReport")
        .processInstanceBusinessKey(String.valueOf(project.getId())).singleResult();
    runJob(engine, cycle.getId()); // the period ends
    runJob(engine, cycle.getId()); // the report is requested
    Task engagement = engine.getTaskService().createTaskQuery().processInstanceId(cycle.getId()).singleResult();
    cases.as("greentravel", Groups.DEVELOPER, () -> engine.getTaskService().complete(engagement.getId(),
        java.util.Map.of("auditFirmCreditCode", "91110108MA03AU1D2U")));
    Task filing = engine.getTaskService().createTaskQuery().processInstanceId(cycle.getId()).singleResult();
    assertThat(filing.getTaskDefinitionKey()).isEqualTo("Task_FileAuditReport");

    try (Browser browser = Browser.start(1280, 800)) {
      logIn(browser, "http://localhost:" + port + "/camunda/app/tasklist/default/", "hecha");
      openOwnTask(browser, verification);
      WebElement card = browser.find(By.cssSelector("section.task-card"));
      assertThat(card.findElement(By.cssSelector("h2.task")).getText()).isEqualTo("核查机构核查");
      browser.waitUntil(LOAD, d -> fieldValue(browser, "项目名称").equals(project.getName()));
      assertThat(card.getText()).contains("减排量申请", "申报减排量（tCO2e）", "平台复算减排量（tCO2e）", "受托核查机构",
          "核查结论", "核查确认申报量", "核减后确认", "不予确认");
      assertThat(fieldValue(browser, "受托核查机构")).isEqualTo("北京中碳核查技术有限公司（示例）");
      scrollTo(browser, "核查结论");
      browser.screenshot("tasklist-zh-3-verification");
    }
    try (Browser browser = Browser.start(1280, 800)) {
      logIn(browser, "http://localhost:" + port + "/camunda/app/tasklist/default/", "kuaiji");
      openOwnTask(browser, filing);
      WebElement card = browser.find(By.cssSelector("section.task-card"));
      assertThat(card.findElement(By.cssSelector("h2.task")).getText()).isEqualTo("提交审计报告");
      browser.waitUntil(LOAD, d -> fieldValue(browser, "项目名称").equals(project.getName()));
      assertThat(card.getText()).contains("审计机构", "审计意见类型", "无保留意见", "保留意见", "否定意见", "无法表示意见",
          "本期减排量出售收益（元）", "审计结论摘要");
      assertThat(fieldValue(browser, "受托审计机构")).isEqualTo("北京信诚会计师事务所（示例）");
      scrollTo(browser, "审计意见类型");
      browser.screenshot("tasklist-zh-4-audit-filing");
    }
  }

  @Test
  void aBureauMemberReviewsAModelChangeInTheChineseTasklist() {
    // the administrator deploys a rule change as from Camunda Modeler: it is held, and the bureau gets 变更审批
    org.camunda.bpm.engine.ProcessEngine engine = context.getBean(org.camunda.bpm.engine.ProcessEngine.class);
    String dmn = cn.beijing.carboninclusion.support.SchemeRulesXml.withValues(
        cn.beijing.carboninclusion.support.SchemeRulesXml.shipped(), java.util.Map.of("publicityWorkingDays", "15"));
    var deployed = cn.beijing.carboninclusion.support.ModelerDeployment.deploy(
        context.getBean(org.springframework.boot.test.web.client.TestRestTemplate.class), "admin",
        "scheme-rules 公示期15日", "scheme-rules.dmn", dmn);
    assertThat(deployed.getStatusCode().value()).isEqualTo(200);
    String deploymentId = deployed.getBody().get("id").asText();
    try {
      Task approval = engine.getTaskService().createTaskQuery().processDefinitionKey("ModelChange")
          .taskDefinitionKey("Task_ApproveModelChange").orderByTaskCreateTime().desc().list().get(0);
      try (Browser browser = Browser.start(1280, 800)) {
        logIn(browser, "http://localhost:" + port + "/camunda/app/tasklist/default/", "zhangwei");
        browser.waitUntil(LOAD, ExpectedConditions.titleContains("任务清单"));
        WebElement filter = browser.waitUntil(LOAD, ExpectedConditions.elementToBeClickable(
            By.xpath("//*[contains(@class,'task-filters')]//a[contains(normalize-space(.), '生态环境局待办')]")));
        filter.click();
        By link = By.cssSelector("ol.tasks-list li.task a[href*='task=" + approval.getId() + "']");
        browser.waitUntil(LOAD, ExpectedConditions.visibilityOfElementLocated(link));
        browser.find(link).click();
        WebElement card = browser.waitUntil(LOAD, ExpectedConditions.visibilityOfElementLocated(
            By.cssSelector("section.task-card")));
        browser.waitUntil(LOAD, ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("section.task-card"),
            "审批结论"));
        browser.waitUntil(LOAD, d -> fieldValue(browser, "部署者").equals("admin"));
        assertThat(card.findElement(By.cssSelector("h2.task")).getText()).isEqualTo("变更审批");
        assertThat(card.getText()).contains("模型与规则变更审批", "部署名称", "变更的模型", "审批结论", "批准", "不予批准",
            "审批意见");
        assertThat(fieldValue(browser, "部署名称")).isEqualTo("scheme-rules 公示期15日");
        assertThat(fieldValue(browser, "变更内容（新增、删除、修改的元素与规则取值）"))
            .contains("publicityWorkingDays：20 → 15");
        scrollTo(browser, "变更内容");
        browser.screenshot("tasklist-zh-5-model-change");
      }
    } finally {
      engine.getRuntimeService().createProcessInstanceQuery().processDefinitionKey("ModelChange").list()
          .forEach(pi -> engine.getRuntimeService().deleteProcessInstance(pi.getId(), "test finished", true, true));
      engine.getRepositoryService().deleteDeployment(deploymentId, true);
    }
  }

  /** Scrolls the form so that the field with that label is in the middle of the screenshot. */
  private static void scrollTo(Browser browser, String label) {
    WebElement field = browser.find(By.xpath("//*[contains(@class,'fjs-form-field')][.//label[starts-with(normalize-space(.), '"
        + label + "')]]"));
    ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeScript(
        "arguments[0].scrollIntoView({block: 'center'});", field);
  }

  private static void runJob(org.camunda.bpm.engine.ProcessEngine engine, String processInstanceId) {
    var job = engine.getManagementService().createJobQuery().processInstanceId(processInstanceId).list().get(0);
    engine.getManagementService().executeJob(job.getId());
  }

  /** Opens the filter 本单位待办 (an agency's and a developer's own tasks) and the task in it. */
  private static void openOwnTask(Browser browser, Task task) {
    browser.waitUntil(LOAD, ExpectedConditions.titleContains("任务清单"));
    WebElement filter = browser.waitUntil(LOAD, ExpectedConditions.elementToBeClickable(
        By.xpath("//*[contains(@class,'task-filters')]//a[contains(normalize-space(.), '本单位待办')]")));
    assertThat(browser.find(By.cssSelector(".task-filters")).getText()).doesNotContain("技术中心待办", "生态环境局待办");
    filter.click();
    By link = By.cssSelector("ol.tasks-list li.task a[href*='task=" + task.getId() + "']");
    browser.waitUntil(LOAD, ExpectedConditions.visibilityOfElementLocated(link));
    browser.find(link).click();
    browser.waitUntil(LOAD, ExpectedConditions.visibilityOfElementLocated(By.cssSelector("section.task-card")));
  }

  /** Opens the webapp, checks its login page is Chinese (PAGE_LOGIN_*), logs in with the demo password. */
  private static void logIn(Browser browser, String url, String user) {
    browser.open(url);
    WebElement username = browser.waitUntil(LOAD, ExpectedConditions.visibilityOfElementLocated(
        By.cssSelector("form[name='signinForm'] input[type='text']")));
    browser.waitUntil(LOAD, ExpectedConditions.attributeToBe(username, "placeholder", "用户名"));
    WebElement password = browser.find(By.cssSelector("form[name='signinForm'] input[type='password']"));
    assertThat(password.getAttribute("placeholder")).isEqualTo("密码");
    WebElement signIn = browser.find(By.cssSelector("form[name='signinForm'] button[type='submit']"));
    assertThat(signIn.getText()).isEqualTo("登录");
    username.sendKeys(user);
    password.sendKeys("demo");
    signIn.click();
    browser.waitUntil(LOAD, ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name='signinForm']")));
  }

  /** The value of the Camunda Form field with that label. */
  private static String fieldValue(Browser browser, String label) {
    List<WebElement> fields = browser.driver().findElements(By.xpath("//*[contains(@class,'fjs-form-field')]"
        + "[.//label[normalize-space(.)='" + label + "']]//*[self::input or self::textarea]"));
    return fields.isEmpty() ? "" : fields.get(0).getDomProperty("value");
  }
}
