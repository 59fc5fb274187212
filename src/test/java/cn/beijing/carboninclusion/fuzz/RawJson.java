package cn.beijing.carboninclusion.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * JSON as the fuzzer writes it, which no JSON library would: duplicate member names, literals JSON does not have
 * ({@code NaN}, {@code Infinity}), arbitrarily long numbers and verbatim bytes (invalid UTF-8, raw control characters)
 * inside a string. Members and items are mutable lists, so a mutation edits the tree in place.
 */
sealed interface RawJson {

  void write(ByteArrayOutputStream out);

  default byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(out);
    return out.toByteArray();
  }

  record Member(String name, RawJson value) {}

  record Obj(List<Member> members) implements RawJson {
    Obj() {
      this(new ArrayList<>());
    }

    RawJson get(String name) {
      for (Member m : members) {
        if (m.name().equals(name)) {
          return m.value();
        }
      }
      return null;
    }

    /** Replaces every member of that name (or adds one). */
    void put(String name, RawJson value) {
      boolean found = false;
      for (int i = 0; i < members.size(); i++) {
        if (members.get(i).name().equals(name)) {
          members.set(i, new Member(name, value));
          found = true;
        }
      }
      if (!found) {
        members.add(new Member(name, value));
      }
    }

    void remove(String name) {
      members.removeIf(m -> m.name().equals(name));
    }

    @Override
    public void write(ByteArrayOutputStream out) {
      out.write('{');
      for (int i = 0; i < members.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        Str.write(out, members.get(i).name());
        out.write(':');
        members.get(i).value().write(out);
      }
      out.write('}');
    }
  }

  record Arr(List<RawJson> items) implements RawJson {
    Arr() {
      this(new ArrayList<>());
    }

    @Override
    public void write(ByteArrayOutputStream out) {
      out.write('[');
      for (int i = 0; i < items.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        items.get(i).write(out);
      }
      out.write(']');
    }
  }

  /** A string, escaped as JSON requires; surrogates are written as {@code \\uXXXX}, so lone ones reach the server. */
  record Str(String value) implements RawJson {
    @Override
    public void write(ByteArrayOutputStream out) {
      write(out, value);
    }

    static void write(ByteArrayOutputStream out, String value) {
      StringBuilder s = new StringBuilder(value.length() + 2).append('"');
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if (c == '"' || c == '\\') {
          s.append('\\').append(c);
        } else if (c < 0x20 || Character.isSurrogate(c)) {
          s.append(String.format("\\u%04x", (int) c));
        } else {
          s.append(c);
        }
      }
      out.writeBytes(s.append('"').toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A literal written verbatim: numbers, true, false, null, and what JSON does not allow (NaN, 1e99999, 'x'). */
  record Lit(String text) implements RawJson {
    @Override
    public void write(ByteArrayOutputStream out) {
      out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Verbatim bytes, e.g. a string literal holding invalid UTF-8 or an unescaped control character. */
  record Bytes(byte[] raw) implements RawJson {
    @Override
    public void write(ByteArrayOutputStream out) {
      out.writeBytes(raw);
    }
  }

  static RawJson str(String value) {
    return new Str(value);
  }

  static RawJson lit(String text) {
    return new Lit(text);
  }

  RawJson NULL = new Lit("null");
}
