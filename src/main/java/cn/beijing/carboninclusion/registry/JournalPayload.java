package cn.beijing.carboninclusion.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The canonical form of a journal entry's fields: {@code key=value} pairs in a fixed order, joined by {@code ;}. In
 * values, {@code %}, {@code ;}, {@code =}, {@code |}, CR and LF are written as {@code %25}, {@code %3B}, {@code %3D},
 * {@code %7C}, {@code %0D}, {@code %0A}; a field without a value is left out.
 */
final class JournalPayload {
  private final List<String[]> fields = new ArrayList<>();

  JournalPayload put(String key, Object value) {
    if (value != null) {
      fields.add(new String[] {key, String.valueOf(value)});
    }
    return this;
  }

  /** Appends the fields of {@code other}, in their order. */
  JournalPayload putAll(JournalPayload other) {
    fields.addAll(other.fields);
    return this;
  }

  @Override public String toString() {
    StringBuilder out = new StringBuilder();
    for (String[] field : fields) {
      if (!out.isEmpty()) {
        out.append(';');
      }
      out.append(field[0]).append('=').append(escape(field[1]));
    }
    return out.toString();
  }

  static String escape(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      switch (c) {
        case '%' -> out.append("%25");
        case ';' -> out.append("%3B");
        case '=' -> out.append("%3D");
        case '|' -> out.append("%7C");
        case '\r' -> out.append("%0D");
        case '\n' -> out.append("%0A");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String unescape(String value) {
    return value.replace("%3B", ";").replace("%3D", "=").replace("%7C", "|").replace("%0D", "\r")
        .replace("%0A", "\n").replace("%25", "%");
  }

  /** The (last) value of {@code key} in a canonical payload. */
  static Optional<String> valueOf(String payload, String key) {
    String found = null;
    for (String field : payload.split(";", -1)) {
      int eq = field.indexOf('=');
      if (eq > 0 && field.substring(0, eq).equals(key)) {
        found = unescape(field.substring(eq + 1));
      }
    }
    return Optional.ofNullable(found);
  }
}
