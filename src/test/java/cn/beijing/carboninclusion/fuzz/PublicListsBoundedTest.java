package cn.beijing.carboninclusion.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.common.PublicPage;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.ResponseEntity;

/**
 * A public list cannot be made to return unbounded rows: every list under /api/public in the OpenAPI document (an
 * operation answering a JSON array) is paged ({@code page}, {@code size}; the registry journal by cursor,
 * {@code afterId} and {@code limit} up to 1,000), a page asked far too large is cut to {@link PublicPage#MAX_SIZE}, and
 * every list tells its total number of rows in {@value PublicPage#TOTAL_COUNT}.
 */
class PublicListsBoundedTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;

  @Test
  void everyPublicListIsPagedAndItsPagesAreBounded() throws Exception {
    JsonNode document = new ObjectMapper().readTree(http.getForObject("/v3/api-docs", String.class));
    List<String> lists = new ArrayList<>();
    List<String> unpaged = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      JsonNode get = path.getValue().path("get");
      if (!path.getKey().startsWith("/api/public/") || get.isMissingNode()) {
        continue;
      }
      JsonNode schema = get.path("responses").path("200").path("content").path("*/*").path("schema");
      if (!"array".equals(schema.path("type").asText())) {
        continue;
      }
      lists.add(path.getKey());
      List<String> parameters = new ArrayList<>();
      get.path("parameters").forEach(p -> parameters.add(p.path("name").asText()));
      // pages by number, or by cursor (the journal: entries after an id, a limit)
      if (!parameters.containsAll(List.of("page", "size")) && !parameters.containsAll(List.of("afterId", "limit"))) {
        unpaged.add(path.getKey());
      }
    }
    assertThat(lists).as("the public lists").contains("/api/public/agencies", "/api/public/class-two-reports/overdue",
        "/api/public/projects", "/api/public/bars");
    assertThat(unpaged).as("public lists without page and size").isEmpty();
    for (String list : lists) {
      if (list.contains("{")) {
        continue;
      }
      if (list.endsWith("/journal")) {
        assertThat(http.getForEntity(list + "?limit=100000", String.class).getStatusCode().value())
            .as(list + " asked for 100,000 entries").isEqualTo(400);
        ResponseEntity<JsonNode> entries = http.getForEntity(list + "?limit=1000", JsonNode.class);
        assertThat(entries.getBody().size()).isLessThanOrEqualTo(1000);
        assertThat(total(entries)).as(list + " total").isGreaterThanOrEqualTo(entries.getBody().size());
        continue;
      }
      ResponseEntity<JsonNode> answer = http.getForEntity(list + "?size=100000&page=0", JsonNode.class);
      JsonNode page = answer.getBody();
      assertThat(page.size()).as(list + " asked for 100,000 rows").isLessThanOrEqualTo(PublicPage.MAX_SIZE);
      assertThat(total(answer)).as(list + " total").isGreaterThanOrEqualTo(page.size());
      if (total(answer) > 1) { // a page past the first row holds the rest: the total counts the list, not the page
        ResponseEntity<JsonNode> second = http.getForEntity(list + "?size=1&page=1", JsonNode.class);
        assertThat(second.getBody().size()).as(list + " second row").isEqualTo(1);
        // (not equal: the disclosure feed may grow meanwhile, delivered after earlier tests)
        assertThat(total(second)).as(list + " total on another page").isGreaterThanOrEqualTo(total(answer));
      }
    }
  }

  private static long total(ResponseEntity<JsonNode> answer) {
    String total = answer.getHeaders().getFirst(PublicPage.TOTAL_COUNT);
    assertThat(total).as(answer + " " + PublicPage.TOTAL_COUNT).isNotNull().matches("\\d+");
    return Long.parseLong(total);
  }

  @Test
  void theAgencyDirectoryIsPagedInTheOrderAgenciesWereRecordedAndFoundByCreditCode() {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String code = ProjectCases.aCreditCode();
      assertThat(http.withBasicAuth("zhangwei", "demo").postForEntity("/api/agencies", Map.of("creditCode", code,
          "name", "分页测试审计机构-" + UUID.randomUUID(), "kind", "AUDITOR"), JsonNode.class).getStatusCode().value())
          .isEqualTo(201);
      codes.add(code);
    }
    List<String> all = new ArrayList<>();
    for (int page = 0; ; page++) {
      JsonNode rows = http.getForObject("/api/public/agencies?page={p}&size=2", JsonNode.class, page);
      assertThat(rows.size()).isLessThanOrEqualTo(2);
      rows.forEach(r -> all.add(r.get("creditCode").asText()));
      if (rows.size() < 2) {
        break;
      }
    }
    assertThat(all).doesNotHaveDuplicates();
    assertThat(all).containsSubsequence(codes);
    JsonNode one = http.getForObject("/api/public/agencies?creditCode={c}", JsonNode.class, codes.get(1));
    assertThat(one).hasSize(1);
    assertThat(one.get(0).get("creditCode").asText()).isEqualTo(codes.get(1));
  }
}
