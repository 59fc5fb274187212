package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.developer.UnifiedSocialCreditCode;
import cn.beijing.carboninclusion.support.CsvUpload;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;

/** Lists of ETS covered entities for the tests: fresh valid credit codes, and imports over the API. */
final class EtsLists {
  static final String HEADER = "credit_code,name,compliance_year,verified_emissions\n";
  private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

  private EtsLists() {}

  /** A unified social credit code no other test uses, with its check character (an enterprise in Beijing). */
  static String newCode() {
    StringBuilder code = new StringBuilder("91110105");
    for (int i = 0; i < 9; i++) {
      code.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
    }
    return code.append(UnifiedSocialCreditCode.Validator.checkCharacter(code.toString())).toString();
  }

  /** The same code with a wrong check character. */
  static String withWrongCheck(String code) {
    char right = code.charAt(17);
    char wrong = ALPHABET.charAt((ALPHABET.indexOf(right) + 1) % ALPHABET.length());
    return code.substring(0, 17) + wrong;
  }

  /** Imports a list (the CSV's lines after the header) as {@code user}; answers what the API answered. */
  static ResponseEntity<JsonNode> importList(TestRestTemplate http, String user, String lines, String source,
      String listDate) {
    return http.withBasicAuth(user, "demo").postForEntity("/api/ets-covered-entities/imports",
        multipart(HEADER + lines, source, listDate), JsonNode.class);
  }

  /** Imports a list as the bureau (zhangwei), dated 2025-06-30, and checks it was taken. */
  static JsonNode imported(TestRestTemplate http, String lines) {
    ResponseEntity<JsonNode> answer = importList(http, "zhangwei", lines, "北京市生态环境局 测试名单", "2025-06-30");
    if (answer.getStatusCode().value() != 201) {
      throw new AssertionError("the list was refused: " + answer.getBody());
    }
    return answer.getBody();
  }

  static HttpEntity<MultiValueMap<String, Object>> multipart(String csv, String source, String listDate) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("source", source);
    fields.put("listDate", listDate);
    return CsvUpload.of("covered-entities.csv", csv, fields);
  }
}
