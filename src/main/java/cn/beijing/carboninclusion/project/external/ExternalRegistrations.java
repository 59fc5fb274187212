package cn.beijing.carboninclusion.project.external;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.VisibleText;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.project.SiteAddress;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 其他减排机制的登记: the lists of projects registered elsewhere (CCER, other provinces' 碳普惠 registries, Verra,
 * Gold Standard) that the technical center imports, each import a version of its own, and the look-up the duplicate
 * check of a registration application makes in them (identifier, and site: district + normalised address, or
 * coordinates within the rule's distance).
 *
 * <p>An import is streamed: the file is read line by line (never whole), every line checked, and the rows written in
 * batches in the import's transaction; one bad line refuses the file (400 naming each line and column, the first
 * {@value #MAX_REPORTED}), and the transaction rolls everything of it back.
 */
@Service
public class ExternalRegistrations {
  /** The audit trail's case type of an import. */
  public static final String CASE_TYPE = "EXTERNAL_REGISTRATIONS";
  static final int MAX_REPORTED = 100;
  private static final int BATCH = 1000;
  /** The most matches one look-up returns of each kind (identifier, address, coordinates). */
  private static final int MATCH_LIMIT = 20;

  private final JdbcTemplate jdbc;
  private final CurrentUser currentUser;
  private final AuditTrail auditTrail;
  private final Clock clock;

  ExternalRegistrations(JdbcTemplate jdbc, CurrentUser currentUser, AuditTrail auditTrail, Clock clock) {
    this.jdbc = jdbc;
    this.currentUser = currentUser;
    this.auditTrail = auditTrail;
    this.clock = clock;
  }

  /** One import (version) as it is listed. */
  public record ImportView(int version, String origin, LocalDate listDate, String fileName, String sha256,
      int rows, Map<String, Integer> sources, String importedBy, Instant importedAt) {}

  /** A registration elsewhere that matches a project's site or identifier, and why. */
  public record Match(long id, String source, String sourceLabel, String externalId, String name, String district,
      String address, LocalDate registeredOn, int importVersion, LocalDate listDate, String how) {}

  /** A file refused as a whole: nothing of it was stored. */
  public static final class Rejected extends RuntimeException {
    private final Map<String, String> errors;
    private final boolean truncated;

    Rejected(Map<String, String> errors, boolean truncated) {
      super("external registrations rejected: " + errors.keySet());
      this.errors = errors;
      this.truncated = truncated;
    }

    public Map<String, String> errors() {
      return errors;
    }

    public boolean truncated() {
      return truncated;
    }
  }

  /**
   * Imports a list as the next version: {@code origin} says where the list comes from, {@code listDate} its date.
   * All or nothing.
   */
  @Transactional
  public ImportView importList(InputStream csv, String fileName, String origin, String listDate) {
    Map<String, String> invalid = new LinkedHashMap<>();
    if (origin == null || VisibleText.blank(origin) || origin.strip().length() > 500
        || origin.codePoints().anyMatch(Character::isISOControl)) {
      invalid.put("origin", "清单来源须为 1 至 500 字、不含控制字符，如「全国温室气体自愿减排注册登记系统 项目清单」"
          + " (where the list comes from, 1 to 500 characters)");
    }
    LocalDate date = null;
    try {
      date = listDate == null ? null : LocalDate.parse(listDate.strip());
    } catch (RuntimeException e) {
      date = null;
    }
    LocalDate today = LocalDate.now(clock.withZone(ZoneId.of("Asia/Shanghai")));
    if (date == null || date.isAfter(today) || date.getYear() < 1990) {
      invalid.put("listDate", "清单日期须为 ISO 日期（如 2025-06-30），不晚于今天 (the date of the list, not after today)");
    }
    if (!invalid.isEmpty()) {
      throw new InvalidInputException(invalid);
    }
    String name = fileName == null || fileName.isBlank() ? null : abridged(fileName.strip().replaceAll(
        "[\\p{Cntrl}\\uFFFD]", "_"), 255);
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    Long importId = insertImport(origin.strip(), date, name, now);

    MessageDigest sha256 = sha256();
    Intake intake = new Intake(importId);
    try (InputStreamReader reader = new InputStreamReader(new DigestInputStream(csv, sha256),
        StandardCharsets.UTF_8)) {
      new ExternalRegistrationCsv(date).read(reader, intake);
    } catch (IOException e) {
      throw new UncheckedIOException("外部登记清单读取失败 (the file could not be read)", e);
    }
    intake.flush();
    if (intake.errors.isEmpty() && intake.accepted == 0) {
      intake.reject(new ExternalRegistrationCsv.Problem(1, "file",
          "文件中没有登记记录 (no registrations in the file)"));
    }
    if (intake.errors.isEmpty()) {
      repeatedInFile(importId, intake);
    }
    if (!intake.errors.isEmpty()) {
      throw new Rejected(intake.errors, intake.more);
    }
    String digest = HexFormat.of().formatHex(sha256.digest());
    String sources = intake.bySource.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(","));
    jdbc.update("""
        update external_registration_import
           set version = (select coalesce(max(version), 0) + 1 from external_registration_import),
               sha256 = ?, row_count = ?, sources = ?
         where id = ?""", digest, intake.accepted, sources, importId);
    ImportView view = one(importId);
    auditTrail.record(CASE_TYPE, (long) view.version(), "EXTERNAL_REGISTRATIONS_IMPORTED", null, null,
        "导入其他减排机制登记清单第 " + view.version() + " 版：" + view.origin() + "，清单日期 " + view.listDate() + "，"
            + view.rows() + " 条（" + sources + "），文件 SHA-256 " + digest);
    return view;
  }

  /** One page of the imports, newest version first. */
  @Transactional(readOnly = true)
  public Page<ImportView> imports(Pageable page) {
    long total = jdbc.queryForObject(
        "select count(*) from external_registration_import where version is not null", Long.class);
    List<ImportView> rows = jdbc.query("""
        select * from external_registration_import where version is not null order by version desc
        offset ? rows fetch next ? rows only""", (rs, i) -> view(rs), page.getOffset(), page.getPageSize());
    return new PageImpl<>(rows, page, total);
  }

  /** How many registrations the imports hold, and in how many versions. */
  @Transactional(readOnly = true)
  public long[] extent() {
    return jdbc.queryForObject("""
        select (select count(*) from external_registration_import where version is not null),
               (select count(*) from external_registration)""", (rs, i) -> new long[] {rs.getLong(1), rs.getLong(2)});
  }

  /**
   * The imported registrations that match a project: one of its declared identifiers (scheme naming the source, see
   * {@link ExternalSource#ofScheme}), its site key, or — when both have coordinates — a site within {@code metres}.
   *
   * @param identifiers the project's declared identifiers as scheme → identifier pairs
   */
  @Transactional(readOnly = true)
  public List<Match> matches(Collection<Map.Entry<String, String>> identifiers, String district, String address,
      BigDecimal latitude, BigDecimal longitude, int metres) {
    Map<Long, Match> found = new LinkedHashMap<>();
    for (Map.Entry<String, String> identifier : identifiers) {
      ExternalSource.ofScheme(identifier.getKey()).ifPresent(source -> select(
          "r.id_key = ?", List.of(source.idKey(identifier.getValue())), found,
          "登记编号相同（本项目申报 " + identifier.getKey() + ":" + identifier.getValue() + "）", null));
    }
    String siteKey = SiteAddress.key(district, address);
    if (siteKey != null) {
      select("r.site_key = ?", List.of(siteKey), found, "地点相同（区与规范化地址均为「" + siteKey.replace("|", " ")
          + "」）", null);
    }
    if (latitude != null && longitude != null) {
      double dLat = SiteAddress.latitudeDegrees(metres);
      double dLon = SiteAddress.longitudeDegrees(metres, latitude.doubleValue());
      select("r.latitude between ? and ? and r.longitude between ? and ?", List.of(
          latitude.doubleValue() - dLat, latitude.doubleValue() + dLat, longitude.doubleValue() - dLon,
          longitude.doubleValue() + dLon), found, null, new double[] {latitude.doubleValue(),
          longitude.doubleValue(), metres});
    }
    return new ArrayList<>(found.values());
  }

  private void select(String where, List<Object> arguments, Map<Long, Match> found, String how, double[] near) {
    jdbc.query("""
        select r.id, r.source, r.external_id, r.name, r.district, r.address, r.registered_on, r.latitude,
               r.longitude, i.version, i.list_date
          from external_registration r join external_registration_import i on i.id = r.import_id
         where i.version is not null and\s""" + where + " order by i.version desc, r.id fetch first "
        + MATCH_LIMIT + " rows only", rs -> {
          String why = how;
          if (near != null) {
            BigDecimal lat = rs.getBigDecimal("latitude");
            BigDecimal lon = rs.getBigDecimal("longitude");
            double distance = SiteAddress.metresBetween(BigDecimal.valueOf(near[0]), BigDecimal.valueOf(near[1]),
                lat, lon);
            if (distance > near[2]) {
              return;
            }
            why = "坐标相距约 " + Math.round(distance) + " 米（规则 siteMatchMetres：" + (int) near[2] + " 米以内视为同一地点）";
          }
          long id = rs.getLong("id");
          Match earlier = found.get(id);
          String source = rs.getString("source");
          found.put(id, new Match(id, source, ExternalSource.of(source).map(ExternalSource::label).orElse(source),
              rs.getString("external_id"), rs.getString("name"), rs.getString("district"), rs.getString("address"),
              rs.getObject("registered_on", LocalDate.class), rs.getInt("version"),
              rs.getObject("list_date", LocalDate.class), earlier == null ? why : earlier.how() + "；" + why));
        }, arguments.toArray());
  }

  // ---- the import ----------------------------------------------------------------------------------------

  /** Receives the lines: writes the good ones in batches until the first error, keeps the first errors. */
  private final class Intake implements ExternalRegistrationCsv.Sink {
    final Long importId;
    final Map<String, String> errors = new LinkedHashMap<>();
    final Map<String, Integer> bySource = new TreeMap<>();
    final List<Object[]> batch = new ArrayList<>(BATCH);
    long accepted;
    boolean more;

    Intake(Long importId) {
      this.importId = importId;
    }

    @Override
    public void accept(ExternalRegistrationCsv.Row row) {
      accepted++;
      bySource.merge(row.source().code(), 1, Integer::sum);
      if (!errors.isEmpty()) {
        return; // refused anyway: nothing more is written
      }
      batch.add(new Object[] {importId, row.line(), row.source().code(), row.externalId(),
          row.source().idKey(row.externalId()), row.name(), row.district(), row.address(), siteKey(row),
          row.latitude(), row.longitude(), Date.valueOf(row.registeredOn())});
      if (batch.size() == BATCH) {
        flush();
      }
    }

    @Override
    public void reject(ExternalRegistrationCsv.Problem problem) {
      if (errors.size() >= MAX_REPORTED) {
        more = true;
        return;
      }
      errors.merge("line " + problem.line() + ": " + problem.column(), problem.message(), (a, b) -> a + "；" + b);
    }

    void flush() {
      if (batch.isEmpty() || !errors.isEmpty()) {
        batch.clear();
        return;
      }
      jdbc.batchUpdate("""
          insert into external_registration (import_id, line_no, source, external_id, id_key, name, district,
              address, site_key, latitude, longitude, registered_on)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", batch);
      batch.clear();
    }
  }

  /**
   * The site key of an imported row: as a Beijing project's, but for another province's registry qualified by the
   * province (its sites lie there, so a Beijing address of the same wording is another place).
   */
  private static String siteKey(ExternalRegistrationCsv.Row row) {
    String key = SiteAddress.key(row.district(), row.address());
    return key == null || !row.source().province() ? key : row.source().code() + "/" + key;
  }

  /** A registration listed twice in one file (same source and identifier) names both lines. */
  private void repeatedInFile(Long importId, Intake intake) {
    jdbc.query("""
        select r.id_key, min(r.line_no) as first_line, max(r.line_no) as last_line, count(*) as times
          from external_registration r where r.import_id = ?
         group by r.id_key having count(*) > 1 order by min(r.line_no) fetch first ? rows only""", rs -> {
          intake.reject(new ExternalRegistrationCsv.Problem(rs.getLong("last_line"),
              ExternalRegistrationCsv.EXTERNAL_ID, "与第 " + rs.getLong("first_line") + " 行的来源和登记编号相同"
                  + (rs.getLong("times") > 2 ? "（共 " + rs.getLong("times") + " 行）" : "")
                  + " (the same registration is listed twice in the file)"));
        }, importId, MAX_REPORTED);
  }

  private Long insertImport(String origin, LocalDate listDate, String fileName, Instant at) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var statement = connection.prepareStatement("""
          insert into external_registration_import (origin, list_date, file_name, imported_by, imported_at)
          values (?, ?, ?, ?, ?)""", new String[] {"id"});
      statement.setString(1, origin);
      statement.setDate(2, Date.valueOf(listDate));
      statement.setString(3, fileName);
      statement.setString(4, currentUser.id());
      statement.setTimestamp(5, Timestamp.from(at));
      return statement;
    }, key);
    return key.getKey().longValue();
  }

  private ImportView one(Long importId) {
    return jdbc.queryForObject("select * from external_registration_import where id = ?", (rs, i) -> view(rs),
        importId);
  }

  private static ImportView view(java.sql.ResultSet rs) throws java.sql.SQLException {
    Map<String, Integer> sources = new LinkedHashMap<>();
    String text = rs.getString("sources");
    if (text != null && !text.isEmpty()) {
      for (String part : text.split(",")) {
        int eq = part.indexOf('=');
        sources.put(part.substring(0, eq), Integer.valueOf(part.substring(eq + 1)));
      }
    }
    return new ImportView(rs.getInt("version"), rs.getString("origin"), rs.getObject("list_date", LocalDate.class),
        rs.getString("file_name"), rs.getString("sha256"), rs.getInt("row_count"), sources,
        rs.getString("imported_by"), rs.getTimestamp("imported_at").toInstant());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String abridged(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
