package cn.beijing.carboninclusion.portal;

import java.util.function.Function;

/**
 * One column of a portal list: {@code key} heads the CSV column (the same name as the JSON field), {@code label} heads
 * the HTML table, {@code link} (optional) makes the cell a link to the record's stable URL.
 */
record Column<T>(String key, String label, Function<T, ?> value, Function<T, String> link) {
  static <T> Column<T> of(String key, String label, Function<T, ?> value) {
    return new Column<>(key, label, value, null);
  }

  static <T> Column<T> linked(String key, String label, Function<T, ?> value, Function<T, String> link) {
    return new Column<>(key, label, value, link);
  }
}
