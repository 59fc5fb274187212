package cn.beijing.carboninclusion.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.ClassPathResource;

/** The shipped scheme-rules.dmn and edits of it, as an administrator would make them in Camunda Modeler. */
public final class SchemeRulesXml {
  private SchemeRulesXml() {}

  public static String shipped() {
    try (InputStream in = new ClassPathResource("processes/scheme-rules.dmn").getInputStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The table with the value cells of these rules replaced (each cell must be found). */
  public static String withValues(String xml, Map<String, String> values) {
    String changed = xml;
    for (Map.Entry<String, String> value : values.entrySet()) {
      Matcher cell = Pattern.compile("(<text>\"" + Pattern.quote(value.getKey())
          + "\"</text>\\s*</inputEntry>\\s*<outputEntry id=\"[^\"]+\">\\s*<text>)\"[^\"]*\"").matcher(changed);
      assertThat(cell.find()).as("value cell of %s", value.getKey()).isTrue();
      changed = cell.replaceFirst("$1\"" + Matcher.quoteReplacement(value.getValue()) + "\"");
    }
    return changed;
  }

  /** The table without the row of this rule (the row must be found). */
  public static String withoutRule(String xml, String key) {
    Matcher row = Pattern.compile("\\s*<rule id=\"[^\"]+\">\\s*<inputEntry id=\"[^\"]+\">\\s*<text>\""
        + Pattern.quote(key) + "\"</text>.*?</rule>", Pattern.DOTALL).matcher(xml);
    assertThat(row.find()).as("row of %s", key).isTrue();
    return row.replaceFirst("");
  }
}
