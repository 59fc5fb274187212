package cn.beijing.carboninclusion.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The forms the platform ships ({@code forms/}): a model redeployed in a test comes with its forms, as every task's
 * form is bound to its model's deployment ({@code camunda:formRefBinding="deployment"}).
 */
public final class ShippedForms {
  private static final Path FORMS = Path.of("forms");

  /** One form's JSON, by file name without {@code .form}. */
  public static String read(String name) {
    try {
      return Files.readString(FORMS.resolve(name + ".form"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every shipped form: resource name ({@code x.form}) → JSON. */
  public static Map<String, String> all() {
    Map<String, String> forms = new TreeMap<>();
    try (Stream<Path> files = Files.list(FORMS)) {
      files.filter(f -> f.getFileName().toString().endsWith(".form")).forEach(f -> forms.put(
          f.getFileName().toString(), read(f.getFileName().toString().replaceFirst("\\.form$", ""))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return forms;
  }

  private ShippedForms() {}
}
