package cn.beijing.carboninclusion.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.calendar.HolidayCoverage;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Who reads the KPIs where, over real HTTP: {@code /api/kpi} (bureau, techcenter, camunda-admin; developers 403,
 * anonymous 401), the Prometheus scrape (public health, protected metrics carrying the KPI gauges), and the Cockpit
 * plugin: its JavaScript module and its REST resource behind a Cockpit login with Cockpit's CSRF cookie and header.
 */
class KpiApiTest extends PlatformIntegrationTest {
  private static final String PLUGIN_API = "/camunda/api/cockpit/plugin/carbon-kpi";

  @LocalServerPort int port;
  @Autowired ObjectMapper json;
  @Autowired KpiSnapshots snapshots;
  @Autowired RepositoryService repositoryService;
  @Autowired IdentityService identityService;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HolidayCoverage coverage;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theBureauTheTechnicalCenterAndAdministratorsReadTheKpis() throws Exception {
    for (String user : new String[] {"zhangwei", "wangfang", "admin"}) {
      HttpResponse<String> response = get("/api/kpi", user);
      assertThat(response.statusCode()).as(user).isEqualTo(200);
      JsonNode body = json.readTree(response.body());
      assertThat(body.get("reductionsIssued")).as(user).hasSize(12);
      assertThat(body.get("projectsByStatus").has("SUSPENDED")).isTrue();
      assertThat(body.has("suspendedProjects")).isTrue();
      assertThat(body.get("windows").get("cycleTimeDays").asInt()).isEqualTo(90);
    }
  }

  @Test
  void developersAreRefusedAndAnonymousCallersMustLogIn() throws Exception {
    assertThat(get("/api/kpi", "greentravel").statusCode()).isEqualTo(403);
    HttpResponse<String> anonymous = get("/api/kpi", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  @Test
  void healthIsPublicThePrometheusScrapeNeedsAnAdministratorAndCarriesTheGauges() throws Exception {
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    String key = "KpiScrape" + suffix;
    String group = "kpiScrape" + suffix;
    // the deploy-time check refuses candidate groups that do not exist
    identityService.saveGroup(identityService.newGroup(group));
    String deployment = repositoryService.createDeployment().addModelInstance(key + ".bpmn",
        Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1).startEvent()
            .userTask("Task_Wait").name("等待").camundaCandidateGroups(group).endEvent().done()).deploy().getId();
    try {
      runtimeService.startProcessInstanceByKey(key);
      runtimeService.startProcessInstanceByKey(key);
      Task overdue = taskService.createTaskQuery().processDefinitionKey(key).listPage(0, 1).get(0);
      overdue.setDueDate(Date.from(Instant.now().minusSeconds(3600)));
      taskService.saveTask(overdue);
      snapshots.refresh();
      scrape(key, group);
    } finally {
      repositoryService.deleteDeployment(deployment, true);
      identityService.deleteGroup(group);
    }
  }

  private void scrape(String key, String group) throws Exception {
    assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    assertThat(get("/actuator/prometheus", null).statusCode()).isEqualTo(401);
    assertThat(get("/actuator/prometheus", "zhangwei").statusCode()).isEqualTo(403);
    assertThat(get("/actuator/metrics", null).statusCode()).isEqualTo(401);

    HttpResponse<String> scrape = get("/actuator/prometheus", "admin");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body())
        .contains("carbon_inclusion_projects{status=\"SUSPENDED\"}")
        .contains("carbon_inclusion_projects{status=\"REGISTERED\"}")
        .contains("carbon_inclusion_reductions_issued_tco2e{month=\"")
        .contains("carbon_inclusion_cases{process=\"" + key + "\",stage=\"Task_Wait\"} 2.0")
        .contains("carbon_inclusion_process_cases{process=\"" + key + "\"} 2.0")
        .contains("carbon_inclusion_open_tasks{group=\"" + group + "\"} 2.0")
        .contains("carbon_inclusion_sla_breaches{group=\"" + group + "\",state=\"open\"} 1.0")
        .contains("carbon_inclusion_sla_breaches{group=\"" + group + "\",state=\"completed_late\"} 0.0")
        .contains("carbon_inclusion_open_task_oldest_age_hours{group=\"" + group + "\"}");
  }

  @Test
  void cockpitServesThePluginModule() throws Exception {
    HttpResponse<String> module = send(HttpRequest.newBuilder(uri(PLUGIN_API + "/static/app/plugin.js")).GET());
    assertThat(module.body()).contains("holidayBanner(snapshot.holidaySchedule)", "节假日安排缺失");
    assertThat(module.statusCode()).isEqualTo(200);
    assertThat(module.body()).contains("pluginPoint: 'cockpit.dashboard'").contains("碳普惠 运行指标")
        .contains("'X-XSRF-TOKEN': api.CSRFToken").doesNotContain("https://");
    // the charts: the bundled Apache ECharts module, imported relative to plugin.js and served next to it
    assertThat(module.body()).contains("import * as echarts from './echarts.esm.min.js';", "aria: { enabled: true }",
        "<summary>数据表</summary>");
    HttpResponse<String> echarts = send(HttpRequest.newBuilder(
        uri(PLUGIN_API + "/static/app/echarts.esm.min.js")).GET());
    assertThat(echarts.statusCode()).isEqualTo(200);
    assertThat(echarts.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).contains("javascript"));
    assertThat(echarts.body()).contains("export{").hasSizeGreaterThan(500_000);
    // nothing else of the class path is served
    assertThat(send(HttpRequest.newBuilder(uri(PLUGIN_API + "/static/app/other.js")).GET()).statusCode())
        .isNotEqualTo(200);
  }

  @Test
  void thePluginResourceAnswersACockpitUserAndRefusesAnonymousAndDevelopers() throws Exception {
    assertThat(send(HttpRequest.newBuilder(uri(PLUGIN_API + "/default/snapshot")).GET()).statusCode())
        .isEqualTo(401);

    CookieManager bureau = new CookieManager();
    login(bureau, "zhangwei", "cockpit");
    HttpResponse<String> snapshot = send(bureau, HttpRequest.newBuilder(uri(PLUGIN_API + "/default/snapshot"))
        .header("Accept", "application/json").GET());
    assertThat(snapshot.statusCode()).isEqualTo(200);
    JsonNode body = json.readTree(snapshot.body());
    assertThat(body.get("reductionsIssued")).hasSize(12);
    // the charts' figures
    assertThat(body.get("slaBreachesByMonth")).hasSize(12);
    assertThat(body.get("reductionsRetired")).hasSize(12);
    assertThat(body.get("reductionsRetired").get(11).get("tco2eByPurpose").has("VOLUNTARY")).isTrue();
    assertThat(body.get("cycleTimeBoxes").isArray()).isTrue();
    assertThat(body.get("daily").toString()).contains("\"kind\":\"CASES\"");
    assertThat(body.get("windows").get("dailyDays").asInt()).isEqualTo(90);
    assertThat(body.get("casesByProcess").isArray()).isTrue();
    // the holiday schedules' coverage, asked at each view: the banner's text when next year is missing
    HolidayCoverage.Coverage holidays = coverage.now();
    assertThat(body.get("holidaySchedule").get("coveredYears").toString()).contains("2025", "2026");
    assertThat(body.get("holidaySchedule").get("warning").isNull()).isEqualTo(holidays.ok());
    if (!holidays.ok()) {
      assertThat(body.get("holidaySchedule").get("warning").asText()).isEqualTo(holidays.warning());
      assertThat(body.get("holidaySchedule").get("missingYear").asInt()).isEqualTo(holidays.missingYear());
    }

    // a developer logged in to Tasklist holds an engine login, but not the KPIs
    CookieManager developer = new CookieManager();
    login(developer, "greentravel", "tasklist");
    assertThat(send(developer, HttpRequest.newBuilder(uri(PLUGIN_API + "/default/snapshot")).GET()).statusCode())
        .isEqualTo(403);

    // the outbox panel: administrators only (recipients are personal data)
    assertThat(send(bureau, HttpRequest.newBuilder(uri(PLUGIN_API + "/default/notices")).GET()).statusCode())
        .isEqualTo(403);
    CookieManager admin = new CookieManager();
    login(admin, "admin", "cockpit");
    HttpResponse<String> notices = send(admin, HttpRequest.newBuilder(uri(PLUGIN_API + "/default/notices"))
        .header("Accept", "application/json").GET());
    assertThat(notices.statusCode()).isEqualTo(200);
    JsonNode outbox = json.readTree(notices.body());
    assertThat(outbox.get("mailConfigured").asBoolean()).isTrue();
    assertThat(outbox.get("byStatus").has("KEPT")).isTrue();
    assertThat(outbox.get("latest").isArray()).isTrue();
    assertThat(outbox.get("latest").size()).isLessThanOrEqualTo(20);
  }

  // ------------------------------------------------------------------ support

  /** Logs in as the Cockpit front end does: the XSRF-TOKEN cookie of a first page, echoed in the X-XSRF-TOKEN header. */
  private void login(CookieManager cookies, String user, String app) throws Exception {
    send(cookies, HttpRequest.newBuilder(uri("/camunda/app/" + app + "/default/")).GET());
    String token = xsrf(cookies);
    assertThat(token).as("XSRF-TOKEN cookie").isNotNull();
    String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=demo";
    HttpResponse<String> login = send(cookies, HttpRequest.newBuilder(
            uri("/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
        .POST(HttpRequest.BodyPublishers.ofString(form)));
    assertThat(login.statusCode()).as("login of %s to %s: %s", user, app, login.body()).isEqualTo(200);
  }

  private static String xsrf(CookieManager cookies) {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue).findFirst().orElse(null);
  }

  private HttpResponse<String> get(String path, String user) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (user != null) {
      request.header("Authorization", "Basic " + Base64.getEncoder()
          .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    return send(request);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> send(CookieManager cookies, HttpRequest.Builder request)
      throws IOException, InterruptedException {
    HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
