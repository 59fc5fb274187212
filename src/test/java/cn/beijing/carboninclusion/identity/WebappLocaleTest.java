package cn.beijing.carboninclusion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The Chinese translation of Tasklist, Cockpit, Admin and Welcome stays complete against the English file of the
 * Camunda webjar on the classpath: the same keys, the same placeholders and HTML tags, and every text translated. An
 * upgrade of Camunda that adds keys fails here and names them.
 */
class WebappLocaleTest {
  static final String APP = "META-INF/resources/webjars/camunda/app/";
  static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^}]*}}|%[sd]|\\$t\\([^)]*\\)");
  static final Pattern TAG = Pattern.compile("</?[a-zA-Z][^>]*>");
  static final Pattern LATIN_WORDS = Pattern.compile("[A-Za-z]{3,}(\\s+[A-Za-z]{3,}){2,}");

  final ObjectMapper json = new ObjectMapper();

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void theChineseFileHasEveryKeyOfTheEnglishOneWithTheSamePlaceholders(String app) throws IOException {
    Map<String, String> english = flatten(read(APP + app + "/locales/en.json", "camunda-webapp-webjar"));
    Map<String, String> chinese = flatten(read(APP + app + "/locales/zh.json", "classes"));

    Set<String> missing = new TreeSet<>(english.keySet());
    missing.removeAll(chinese.keySet());
    Set<String> extra = new TreeSet<>(chinese.keySet());
    extra.removeAll(english.keySet());
    assertThat(missing).as("keys of %s/en.json missing in zh.json", app).isEmpty();
    assertThat(extra).as("keys of %s/zh.json unknown to en.json", app).isEmpty();

    List<String> broken = new ArrayList<>();
    List<String> untranslated = new ArrayList<>();
    english.forEach((key, en) -> {
      String zh = chinese.get(key);
      // the end-of-life banner carries the platform's own notice instead of Camunda's link (see docs/operations.md);
      // "<Operation>" is a drop-down prompt, not markup, and reads "<操作>"
      boolean ownWords = key.endsWith("BANNER_CE_EOL_TEXT") || key.endsWith("PLGN_BATCH_OPERATION_OPTION");
      if (!matches(PLACEHOLDER, en).equals(matches(PLACEHOLDER, zh))
          || !ownWords && !matches(TAG, en).equals(matches(TAG, zh))) {
        broken.add(key + ": " + en + " → " + zh);
      }
      if (!key.startsWith("dateLocales") && LATIN_WORDS.matcher(stripMarkup(zh)).find()
          && zh.equals(en)) {
        untranslated.add(key + ": " + zh);
      }
    });
    assertThat(broken).as("placeholders or tags changed in %s/zh.json", app).isEmpty();
    assertThat(untranslated).as("English sentences left in %s/zh.json", app).isEmpty();
    assertThat(chinese.get("dateLocales.months[0]")).as("%s month names", app)
        .isIn(null, "一月");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tasklist", "cockpit", "admin", "welcome"})
  void theConfigurationOffersChineseAndEnglishAndFallsBackToChinese(String app) throws IOException {
    String config = text(APP + app + "/scripts/config.js");
    // fallback zh: the fallback file is loaded too and its date formats must not turn Chinese pages' dates English
    assertThat(config).containsPattern("availableLocales:\\s*\\['zh',\\s*'en'\\]")
        .containsPattern("fallbackLocale:\\s*'zh'");
  }

  private JsonNode read(String resource, String expectedOrigin) throws IOException {
    List<URL> urls = Collections.list(getClass().getClassLoader().getResources(resource));
    URL url = urls.stream().filter(u -> u.toString().contains(expectedOrigin)).findFirst()
        .orElseThrow(() -> new AssertionError(resource + " not found in " + expectedOrigin + ": " + urls));
    try (InputStream in = url.openStream()) {
      String content = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return json.readTree(content.startsWith("\uFEFF") ? content.substring(1) : content);
    }
  }

  private String text(String resource) throws IOException {
    try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
      assertThat(in).as(resource).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, String> flatten(JsonNode node) {
    Map<String, String> out = new LinkedHashMap<>();
    flatten("", node, out);
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "[" + i + "]", node.get(i), out);
      }
    } else {
      out.put(prefix, node.asText());
    }
  }

  private static List<String> matches(Pattern pattern, String text) {
    List<String> found = new ArrayList<>();
    Matcher m = pattern.matcher(text == null ? "" : text);
    while (m.find()) {
      found.add(m.group());
    }
    Collections.sort(found);
    return found;
  }

  private static String stripMarkup(String text) {
    return PLACEHOLDER.matcher(TAG.matcher(text).replaceAll(" ")).replaceAll(" ");
  }
}
