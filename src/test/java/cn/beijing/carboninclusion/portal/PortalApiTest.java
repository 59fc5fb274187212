package cn.beijing.carboninclusion.portal;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.project.Objections;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.project.Projects;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The disclosure portal over real HTTP: its pages, the JSON and CSV of every list, filters, 404s, the form, secrecy. */
class PortalApiTest extends PlatformIntegrationTest {
  static final List<String> LISTS = List.of("/portal/methodologies", "/portal/projects", "/portal/class-two",
      "/portal/reductions", "/portal/audit-reports", "/portal/bars", "/portal/disclosures", "/portal/journal-heads");

  @Autowired TestRestTemplate http;
  @Autowired ApplicationContext context;
  @Autowired Objections objections;
  @Autowired Projects projects;
  @Autowired ObjectMapper json;
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
  void everyListIsAPageAJsonAndACsvWithAHeaderRow() throws Exception {
    for (String list : LISTS) {
      ResponseEntity<String> page = http.getForEntity(list, String.class);
      assertThat(page.getStatusCode()).as(list).isEqualTo(HttpStatus.OK);
      assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).as(list).isTrue();
      assertThat(page.getBody()).as(list).contains("北京市碳普惠信息公开", "format=json", "format=csv");

      ResponseEntity<String> data = http.getForEntity(list + "?format=json", String.class);
      assertThat(data.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_JSON)).as(list).isTrue();
      JsonNode body = json.readTree(data.getBody());
      assertThat(body.get("items").isArray()).as(list).isTrue();
      assertThat(body.get("page").asInt()).isEqualTo(1);

      ResponseEntity<byte[]> csv = http.getForEntity(list + "?format=csv", byte[].class);
      assertThat(csv.getHeaders().getContentType().toString()).as(list).startsWith("text/csv");
      assertThat(csv.getHeaders().getFirst(HttpHeaders.CONTENT_DISPOSITION)).contains("attachment", ".csv");
      List<CSVRecord> rows = csv(csv.getBody());
      assertThat(rows.get(0).get(0)).as(list + " header").isEqualTo("id");
      assertThat(rows).as(list + " rows = JSON items + header").hasSize(body.get("items").size() + 1);
    }
    ResponseEntity<String> registry = http.getForEntity("/portal/registry", String.class);
    assertThat(registry.getBody()).contains("日志哈希链校验通过", "href=\"/api/public/crypto/public-key\"");
    JsonNode registryJson = http.getForObject("/portal/registry?format=json", JsonNode.class);
    assertThat(registryJson.get("journalVerification").get("ok").asBoolean()).isTrue();
    assertThat(registryJson.get("statistics").get("unit").asText()).isEqualTo("tCO2e");
    List<CSVRecord> registryCsv = csv(http.getForObject("/portal/registry?format=csv", byte[].class));
    assertThat(registryCsv.get(0).values()).containsExactly("item", "value");
    assertThat(registryCsv).anySatisfy(r -> assertThat(r.values()).containsExactly("journalVerified", "true"));
  }

  @Test
  void theOverdueClassTwoReportsAreListedAsPageJsonAndCsv() throws Exception {
    String list = "/portal/class-two/overdue-reports";
    ResponseEntity<String> page = http.getForEntity(list, String.class);
    assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(page.getBody()).contains("二类项目年度报告逾期名单", "逾期天数");
    JsonNode body = json.readTree(http.getForObject(list + "?format=json", String.class));
    int total = 0;
    for (int apiPage = 0; ; apiPage++) {
      JsonNode api = http.getForObject("/api/public/class-two-reports/overdue?page={p}&size=200", JsonNode.class,
          apiPage);
      assertThat(api.size()).as("a page of the API is bounded").isLessThanOrEqualTo(200);
      total += api.size();
      if (api.size() < 200) {
        break;
      }
    }
    assertThat(body.get("totalItems").asInt()).isEqualTo(total);
    List<CSVRecord> rows = csv(http.getForObject(list + "?format=csv", byte[].class));
    assertThat(rows.get(0).toList()).containsExactly("projectId", "projectName", "developerName", "year", "dueDate",
        "daysOverdue");
    assertThat(rows).hasSize(body.get("items").size() + 1);
  }

  @Test
  void projectsAreFilteredSearchedAndPaged() throws Exception {
    Project older = cases.aProjectInPublicity();
    Project project = cases.aProjectInPublicity();
    JsonNode inPublicity = json("/portal/projects?status=IN_PUBLICITY&format=json");
    JsonNode mine = item(inPublicity, project.getName());
    assertThat(mine.get("statusLabel").asText()).isEqualTo("公示中");
    assertThat(mine.get("publicityWorkingDaysLeft").asInt()).isPositive();
    assertThat(inPublicity.get("items")).allSatisfy(p -> assertThat(p.get("status").asText()).isEqualTo("IN_PUBLICITY"));
    assertThat(json("/portal/projects?status=REGISTERED&format=json").get("items"))
        .noneSatisfy(p -> assertThat(p.get("name").asText()).isEqualTo(project.getName()));
    assertThat(json("/portal/class-two?format=json").get("items"))
        .allSatisfy(p -> assertThat(p.get("projectClass").asText()).isEqualTo("CLASS_II"));

    JsonNode searched = json("/portal/projects?q=" + project.getName() + "&format=json");
    assertThat(searched.get("totalItems").asInt()).isEqualTo(1);
    assertThat(json("/portal/projects?district=海淀区&format=json").get("items"))
        .allSatisfy(p -> assertThat(p.get("district").asText()).isEqualTo("海淀区"));

    List<CSVRecord> csv = csv(http.getForObject("/portal/projects?q=" + project.getName() + "&format=csv",
        byte[].class));
    assertThat(csv).hasSize(2);
    assertThat(row(csv, 1)).containsEntry("id", String.valueOf(project.getId()))
        .containsEntry("name", project.getName()).containsEntry("status", "IN_PUBLICITY")
        .containsEntry("objectionCount", "0");

    JsonNode all = json("/portal/projects?format=json&size=1000");
    JsonNode first = json("/portal/projects?format=json&size=1&page=1");
    JsonNode second = json("/portal/projects?format=json&size=1&page=2");
    assertThat(first.get("items")).hasSize(1);
    assertThat(first.get("totalPages").asInt()).isEqualTo(all.get("totalItems").asInt());
    assertThat(all.get("totalItems").asInt()).isGreaterThanOrEqualTo(2);
    assertThat(first.get("items").get(0).get("id")).isEqualTo(all.get("items").get(0).get("id"));
    assertThat(second.get("items").get(0).get("id")).isEqualTo(all.get("items").get(1).get("id"));
    assertThat(all.get("items").findValues("id").stream().map(JsonNode::asLong))
        .containsSubsequence(project.getId(), older.getId()); // newest first
    assertThat(http.getForObject("/portal/projects?size=1&page=1", String.class)).contains("下一页", "page=2");

    String html = http.getForObject("/portal/projects?status=IN_PUBLICITY", String.class);
    assertThat(html).contains(project.getName(), "/portal/projects/" + project.getId());
  }

  @Test
  void methodologiesAreListedWithLevelVersionAndText() throws Exception {
    JsonNode travel = item(json("/portal/methodologies?q=BJCI-M-TRAVEL&format=json"), null);
    assertThat(travel.get("code").asText()).isEqualTo("BJCI-M-TRAVEL");
    assertThat(travel.get("level").asInt()).isEqualTo(1);
    assertThat(json("/portal/methodologies?level=2&format=json").get("items"))
        .isNotEmpty().allSatisfy(m -> assertThat(m.get("level").asInt()).isEqualTo(2));
    String page = http.getForObject("/portal/methodologies/" + travel.get("id").asLong(), String.class);
    assertThat(page).contains("BJCI-M-TRAVEL", "一级方法学", "减排量计算公式", "适用条件");
    List<CSVRecord> csv = csv(http.getForObject("/portal/methodologies?q=BJCI-M-TRAVEL&format=csv", byte[].class));
    assertThat(row(csv, 1)).containsEntry("code", "BJCI-M-TRAVEL").containsEntry("level", "1");
  }

  @Test
  void aPageBeyondWhatAQueryCanSkipIsAnEmptyPageNotA500() {
    for (String list : new String[] {"/portal/audit-reports", "/portal/disclosures", "/portal/bars"}) {
      ResponseEntity<JsonNode> far = http.getForEntity(list + "?page=2147483647&size=200&format=json",
          JsonNode.class);
      assertThat(far.getStatusCode()).as(list).isEqualTo(HttpStatus.OK);
      assertThat(far.getBody().get("items")).as(list).isEmpty();
      ResponseEntity<String> page = http.getForEntity(list + "?page=2147483647", String.class);
      assertThat(page.getStatusCode()).as(list).isEqualTo(HttpStatus.OK);
    }
  }

  @Test
  void unknownRecordsAreNotFoundAndBadFiltersAreRefused() {
    for (String path : List.of("/portal/projects/987654321", "/portal/methodologies/987654321",
        "/portal/reductions/987654321", "/portal/audit-reports/987654321")) {
      ResponseEntity<String> answer = http.getForEntity(path, String.class);
      assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
      assertThat(answer.getBody()).as(path).contains("未找到该记录");
    }
    Project unpublished = projects.findByStatusIn(List.of(ProjectStatus.SUBMITTED, ProjectStatus.UNDER_REVIEW))
        .stream().filter(p -> !p.getName().isBlank()).findFirst().orElseThrow();
    assertThat(http.getForEntity("/portal/projects/" + unpublished.getId(), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    ResponseEntity<String> badStatus = http.getForEntity("/portal/projects?status=NO_SUCH_STATUS", String.class);
    assertThat(badStatus.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(badStatus.getBody()).contains("参数 status");
    assertThat(http.getForEntity("/portal/projects?format=xml", String.class).getStatusCode())
        .isEqualTo(HttpStatus.BAD_REQUEST);
  }

  @Test
  void theObjectionFormFilesThroughTheSameServiceAndNamesBadFields() {
    Project project = cases.aProjectInPublicity();
    String url = "/portal/projects/" + project.getId();
    Form form = Form.of(http.getForEntity(url, String.class));

    ResponseEntity<String> tooShort = http.postForEntity(url + "/objections", form.with("content", "太短"), String.class);
    assertThat(tooShort.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(tooShort.getBody()).contains("异议内容：须为 10 至 4000 字");
    ResponseEntity<String> noToken = http.postForEntity(url + "/objections",
        form.withoutToken("content", "没有令牌的跨站提交，应被拒绝。"), String.class);
    assertThat(noToken.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(objections.countByProjectId(project.getId())).isZero();

    // a client address of its own (::1): the API tests use up 127.0.0.1's hourly allowance of objections
    ResponseEntity<String> filed = new TestRestTemplate().postForEntity("http://[::1]:" + port + url + "/objections",
        form.with("content", "该项目申报的站点与我单位已登记项目重叠，请核实。"), String.class);
    assertFiled(filed, url);
    assertThat(objections.countByProjectId(project.getId())).isOne();
    assertThat(http.getForObject(url + "?filed=1", String.class)).contains("异议 1 件", "异议已收到", "待处理");
  }

  @Test
  void nothingConfidentialIsPublished() throws Exception {
    Project project = cases.aProjectInPublicity();
    String url = "/portal/projects/" + project.getId();
    Form form = Form.of(http.getForEntity(url, String.class));
    HttpEntity<MultiValueMap<String, String>> objection = form.with("content", "异议人身份不得公开，这是测试异议内容。");
    objection.getBody().add("objectorName", "异议人王秘密");
    objection.getBody().add("contact", "secret-objector@example.com");
    assertFiled(new TestRestTemplate().postForEntity("http://[::1]:" + port + url + "/objections", objection,
        String.class), url);
    assertThat(objections.countByProjectId(project.getId())).isOne();

    List<String> published = new ArrayList<>();
    for (String path : List.of(url, url + "?format=json", "/portal/projects", "/portal/projects?format=json",
        "/portal/projects?format=csv", "/portal/disclosures", "/portal/disclosures?format=json",
        "/portal/disclosures?format=csv", "/portal", "/portal/methodologies?format=json")) {
      published.add(new String(http.getForObject(path, byte[].class), StandardCharsets.UTF_8));
    }
    assertThat(String.join("\n", published)).contains(project.getName())
        .doesNotContain(ProjectCases.developerContactEmail(), "异议人王秘密", "secret-objector@example.com",
            "@developer.example")
        .doesNotContainPattern("\\b(" + String.join("|", ProjectCases.reviewerIds()) + ")\\b");
  }

  @Test
  void theFirstPageWeighsLessThan200KilobytesAndLoadsNothingFromOutside() throws Exception {
    String home = http.getForObject("/portal", String.class);
    int html = home.getBytes(StandardCharsets.UTF_8).length;
    int css = http.getForObject("/portal/portal.css", byte[].class).length;
    int js = http.getForObject("/portal/portal.js", byte[].class).length;
    int total = html + css + js; // no images or fonts of its own; one script, the elderly-friendly mode
    assertThat(home).doesNotContain("http://", "https://").contains("/portal/portal.css");
    assertThat(home.split("<script", -1)).as("one script, the portal's own").hasSize(2);
    assertThat(home).contains("<script src=\"/portal/portal.js\"></script>");
    assertThat(total).isLessThan(200 * 1024);
    assertThat(http.getForEntity("/portal", String.class).getHeaders().getFirst("Content-Security-Policy"))
        .contains("default-src 'self'");
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target", "portal-page-weight.txt"),
        "GET /portal: HTML " + html + " B + CSS " + css + " B + JS " + js + " B = " + total + " B\n");
  }

  /**
   * What a developer types shows as text: HTML in a project's name is escaped on every page, and a name a
   * spreadsheet would read as a formula is defused (a leading quote) in every CSV.
   */
  @Test
  void hostileTextShowsAsTextOnThePagesAndInTheCsv() throws Exception {
    String marker = "X" + System.nanoTime();
    String name = "=HYPERLINK(\"evil.example\",\"点我\")<script>alert(1)</script>" + marker;
    Project project = cases.aDisclosedClassTwoProject(ProjectCases.aClassTwoProject().named(name));

    String list = http.getForObject("/portal/class-two?q=" + marker, String.class);
    assertThat(list).contains(marker).doesNotContain("<script>alert(1)</script>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    String page = http.getForObject("/portal/projects/" + project.getId(), String.class);
    assertThat(page).contains(marker).doesNotContain("<script>alert(1)</script>");

    for (String csvList : List.of("/portal/class-two", "/portal/projects")) {
      List<CSVRecord> rows = csv(http.getForObject(csvList + "?q=" + marker + "&format=csv", byte[].class));
      assertThat(rows).as(csvList).hasSize(2);
      assertThat(row(rows, 1).get("name")).as(csvList).isEqualTo("'" + name);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------------------------

  private JsonNode json(String path) throws Exception {
    return json.readTree(http.getForObject(path, String.class));
  }

  /** The item with that name (or the only item when name is null). */
  private static JsonNode item(JsonNode page, String name) {
    for (JsonNode item : page.get("items")) {
      if (name == null || name.equals(item.get("name").asText())) {
        return item;
      }
    }
    throw new AssertionError("no item " + name + " in " + page);
  }

  private static List<CSVRecord> csv(byte[] body) throws Exception {
    assertThat(body).startsWith(0xEF, 0xBB, 0xBF); // the UTF-8 byte order mark Excel needs
    String text = new String(body, 3, body.length - 3, StandardCharsets.UTF_8);
    try (var parser = CSVFormat.RFC4180.parse(new StringReader(text))) {
      return parser.getRecords();
    }
  }

  /** Row {@code index} of a CSV by its header row's names. */
  private static java.util.Map<String, String> row(List<CSVRecord> csv, int index) {
    java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
    for (int i = 0; i < csv.get(0).size(); i++) {
      row.put(csv.get(0).get(i), csv.get(index).get(i));
    }
    return row;
  }

  /** A redirect to the project page with the receipt, or (when the client followed it) that page. */
  private static void assertFiled(ResponseEntity<String> answer, String url) {
    if (answer.getStatusCode().is3xxRedirection()) {
      assertThat(answer.getHeaders().getLocation().toString()).contains(url + "?filed=1");
    } else {
      assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
      assertThat(answer.getBody()).contains("异议已收到");
    }
  }

  /** The objection form as a browser would post it: the CSRF cookie and the page's hidden token. */
  record Form(String cookie, String token) {
    static final Pattern HIDDEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    static Form of(ResponseEntity<String> page) {
      String cookie = page.getHeaders().get(HttpHeaders.SET_COOKIE).stream().filter(c -> c.startsWith("XSRF-TOKEN="))
          .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
      Matcher hidden = HIDDEN.matcher(page.getBody());
      assertThat(hidden.find()).as("the form carries a CSRF token").isTrue();
      return new Form(cookie, hidden.group(1));
    }

    HttpHeaders headers() {
      HttpHeaders headers = new HttpHeaders();
      headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
      headers.add(HttpHeaders.COOKIE, cookie);
      return headers;
    }

    HttpEntity<MultiValueMap<String, String>> with(String field, String value) {
      MultiValueMap<String, String> body = withoutToken(field, value).getBody();
      body.add("_csrf", token);
      return new HttpEntity<>(body, headers());
    }

    HttpEntity<MultiValueMap<String, String>> withoutToken(String field, String value) {
      MultiValueMap<String, String> body = new LinkedMultiValueMap<>();
      body.add(field, value);
      return new HttpEntity<>(body, headers());
    }
  }
}
