package cn.beijing.carboninclusion.registry.ets;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.VisibleText;
import cn.beijing.carboninclusion.identity.CurrentUser;
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
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 北京市碳排放权交易重点碳排放单位名单: the covered entities of the Beijing ETS, keyed by unified social credit code, with
 * their verified emissions per compliance year, as the bureau or the technical center import them; each import a
 * version of its own. For each compliance year the newest version that lists the year is in force; the older versions
 * are kept. An ETS offset (消纳 for ETS_OFFSET) names its entity by credit code and is checked against the list in
 * force ({@link #inForce(String, int)}).
 *
 * <p>An import is streamed: the file is read line by line (never whole), every line checked, and the rows written in
 * batches in the import's transaction; one bad line refuses the file (400 naming each line and column, the first
 * {@value #MAX_REPORTED}), and the transaction rolls everything of it back.
 */
@Service
public class EtsCoveredEntities {
  /** The audit trail's case type of an import. */
  public static final String CASE_TYPE = "ETS_COVERED_ENTITIES";
  static final int MAX_REPORTED = 100;
  private static final int BATCH = 500;
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

  private final JdbcTemplate jdbc;
  private final CurrentUser currentUser;
  private final AuditTrail auditTrail;
  private final Clock clock;

  EtsCoveredEntities(JdbcTemplate jdbc, CurrentUser currentUser, AuditTrail auditTrail, Clock clock) {
    this.jdbc = jdbc;
    this.currentUser = currentUser;
    this.auditTrail = auditTrail;
    this.clock = clock;
  }

  /** One import (version) as it is listed: {@code years}, the compliance years it lists (it is in force for them). */
  public record ImportView(int version, String source, LocalDate listDate, String fileName, String sha256, int rows,
      List<Integer> years, String importedBy, Instant importedAt) {}

  /** A covered entity of a compliance year as a version of the list gives it. */
  public record Listed(String creditCode, String name, int complianceYear, BigDecimal verifiedEmissions,
      int version, String source, LocalDate listDate) {}

  /** A file refused as a whole: nothing of it was stored. */
  public static final class Rejected extends RuntimeException {
    private final Map<String, String> errors;
    private final boolean truncated;

    Rejected(Map<String, String> errors, boolean truncated) {
      super("ETS covered entities rejected: " + errors.keySet());
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
   * Imports a list as the next version: {@code source} says where the list comes from (e.g. the bureau's notice),
   * {@code listDate} its date. All or nothing. The new version is in force for every compliance year it lists.
   */
  @Transactional
  public ImportView importList(InputStream csv, String fileName, String source, String listDate) {
    Map<String, String> invalid = new LinkedHashMap<>();
    if (source == null || VisibleText.blank(source) || source.strip().length() > 500
        || source.codePoints().anyMatch(Character::isISOControl)) {
      invalid.put("source", "名单来源须为 1 至 500 字、不含控制字符，如「北京市生态环境局 2025 年度重点碳排放单位名单」"
          + " (where the list comes from, 1 to 500 characters)");
    }
    LocalDate date;
    try {
      date = listDate == null ? null : LocalDate.parse(listDate.strip());
    } catch (RuntimeException e) {
      date = null;
    }
    LocalDate today = LocalDate.now(clock.withZone(ZONE));
    if (date == null || date.isAfter(today) || date.getYear() < CoveredEntityCsv.FIRST_YEAR) {
      invalid.put("listDate", "名单日期须为 ISO 日期（如 2025-06-30），不早于 2013 年、不晚于今天"
          + " (the date of the list, not after today)");
    }
    if (!invalid.isEmpty()) {
      throw new InvalidInputException(invalid);
    }
    String name = fileName == null || fileName.isBlank() ? null : abridged(fileName.strip().replaceAll(
        "[\\p{Cntrl}\\uFFFD]", "_"), 255);
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    Long importId = insertImport(source.strip(), date, name, now);

    MessageDigest sha256 = sha256();
    Intake intake = new Intake(importId);
    try (InputStreamReader reader = new InputStreamReader(new DigestInputStream(csv, sha256),
        StandardCharsets.UTF_8)) {
      new CoveredEntityCsv(date.getYear() + 1).read(reader, intake);
    } catch (IOException e) {
      throw new UncheckedIOException("重点碳排放单位名单读取失败 (the file could not be read)", e);
    }
    intake.flush();
    if (intake.errors.isEmpty() && intake.accepted == 0) {
      intake.reject(new CoveredEntityCsv.Problem(1, "file", "文件中没有重点碳排放单位 (no covered entities in the file)"));
    }
    if (!intake.errors.isEmpty()) {
      throw new Rejected(intake.errors, intake.more);
    }
    String digest = HexFormat.of().formatHex(sha256.digest());
    List<Integer> years = jdbc.queryForList(
        "select distinct compliance_year from ets_covered_entity where import_id = ? order by compliance_year",
        Integer.class, importId);
    jdbc.update("""
        update ets_covered_entity_import
           set version = (select coalesce(max(version), 0) + 1 from ets_covered_entity_import),
               sha256 = ?, row_count = ?, years = ?
         where id = ?""", digest, intake.accepted,
        years.stream().map(String::valueOf).collect(Collectors.joining(",")), importId);
    for (Integer year : years) {
      jdbc.update("delete from ets_covered_entity_year where compliance_year = ?", year);
      jdbc.update("insert into ets_covered_entity_year (compliance_year, import_id) values (?, ?)", year, importId);
    }
    ImportView view = one(importId);
    auditTrail.record(CASE_TYPE, (long) view.version(), "ETS_COVERED_ENTITIES_IMPORTED", null, null,
        "导入重点碳排放单位名单第 " + view.version() + " 版：" + view.source() + "，名单日期 " + view.listDate() + "，"
            + view.rows() + " 条，履约年度 " + view.years() + "（自此按本版本计算抵销上限），文件 SHA-256 " + digest);
    return view;
  }

  /** One page of the imports, newest version first. */
  @Transactional(readOnly = true)
  public Page<ImportView> imports(Pageable page) {
    long total = jdbc.queryForObject(
        "select count(*) from ets_covered_entity_import where version is not null", Long.class);
    List<ImportView> rows = jdbc.query("""
        select * from ets_covered_entity_import where version is not null order by version desc
        offset ? rows fetch next ? rows only""", (rs, i) -> view(rs), page.getOffset(), page.getPageSize());
    return new PageImpl<>(rows, page, total);
  }

  /** How many versions have been imported. */
  @Transactional(readOnly = true)
  public long versions() {
    return jdbc.queryForObject("select count(*) from ets_covered_entity_import where version is not null",
        Long.class);
  }

  /** The entity of a credit code in the list in force for a compliance year, if it is listed there. */
  @Transactional(readOnly = true)
  public Optional<Listed> inForce(String creditCode, int complianceYear) {
    return jdbc.query(SELECT + """
         from ets_covered_entity_year y
         join ets_covered_entity e on e.import_id = y.import_id and e.compliance_year = y.compliance_year
         join ets_covered_entity_import i on i.id = y.import_id
        where y.compliance_year = ? and e.credit_code = ?""", (rs, n) -> listed(rs),
        complianceYear, CreditCodes.normalise(creditCode)).stream().findFirst();
  }

  /**
   * One page of a list: the entities in force (each compliance year's version in force), or those of one
   * {@code version}; optionally of one credit code and one year. By year (newest first), then credit code.
   */
  @Transactional(readOnly = true)
  public Page<Listed> entities(String creditCode, Integer complianceYear, Integer version, Pageable page) {
    StringBuilder where = new StringBuilder();
    List<Object> arguments = new ArrayList<>();
    String from;
    if (version == null) {
      from = """
           from ets_covered_entity_year y
           join ets_covered_entity e on e.import_id = y.import_id and e.compliance_year = y.compliance_year
           join ets_covered_entity_import i on i.id = y.import_id
          where 1 = 1""";
    } else {
      from = """
           from ets_covered_entity e join ets_covered_entity_import i on i.id = e.import_id
          where i.version = ?""";
      arguments.add(version);
    }
    if (creditCode != null) {
      where.append(" and e.credit_code = ?");
      arguments.add(CreditCodes.normalise(creditCode));
    }
    if (complianceYear != null) {
      where.append(" and e.compliance_year = ?");
      arguments.add(complianceYear);
    }
    long total = jdbc.queryForObject("select count(*)" + from + where, Long.class, arguments.toArray());
    List<Object> paged = new ArrayList<>(arguments);
    paged.add(page.getOffset());
    paged.add(page.getPageSize());
    List<Listed> rows = jdbc.query(SELECT + from + where
        + " order by e.compliance_year desc, e.credit_code offset ? rows fetch next ? rows only",
        (rs, n) -> listed(rs), paged.toArray());
    return new PageImpl<>(rows, page, total);
  }

  private static final String SELECT = """
      select e.credit_code, e.name, e.compliance_year, e.verified_emissions, i.version, i.source, i.list_date
      """;

  private static Listed listed(ResultSet rs) throws SQLException {
    return new Listed(rs.getString("credit_code"), rs.getString("name"), rs.getInt("compliance_year"),
        rs.getBigDecimal("verified_emissions").stripTrailingZeros(), rs.getInt("version"), rs.getString("source"),
        rs.getObject("list_date", LocalDate.class));
  }

  // ---- the import ----------------------------------------------------------------------------------------

  /**
   * Receives the lines: checks each batch for an entity and year listed twice (within the batch, and against the
   * batches written before), writes it, keeps the first errors. Rows are written after an error too, so that a later
   * repetition is still found; the refusal rolls them back.
   */
  private final class Intake implements CoveredEntityCsv.Sink {
    final Long importId;
    final Map<String, String> errors = new LinkedHashMap<>();
    final List<CoveredEntityCsv.Row> batch = new ArrayList<>(BATCH);
    long accepted;
    boolean more;

    Intake(Long importId) {
      this.importId = importId;
    }

    @Override
    public void accept(CoveredEntityCsv.Row row) {
      accepted++;
      if (more) {
        return; // refused anyway, and no more errors are reported
      }
      batch.add(row);
      if (batch.size() == BATCH) {
        flush();
      }
    }

    @Override
    public void reject(CoveredEntityCsv.Problem problem) {
      if (errors.size() >= MAX_REPORTED) {
        more = true;
        return;
      }
      errors.merge("line " + problem.line() + ": " + problem.column(), problem.message(), (a, b) -> a + "；" + b);
    }

    void flush() {
      if (batch.isEmpty()) {
        return;
      }
      Map<String, Long> earlier = new HashMap<>();
      Object[] arguments = new Object[batch.size() + 1];
      arguments[0] = importId;
      for (int i = 0; i < batch.size(); i++) {
        arguments[i + 1] = batch.get(i).creditCode();
      }
      String marks = String.join(",", Collections.nCopies(batch.size(), "?"));
      jdbc.query("select credit_code, compliance_year, line_no from ets_covered_entity where import_id = ? and "
          + "credit_code in (" + marks + ")", rs -> {
            earlier.put(rs.getString(1) + "|" + rs.getInt(2), rs.getLong(3));
          }, arguments);
      List<Object[]> rows = new ArrayList<>(batch.size());
      for (CoveredEntityCsv.Row row : batch) {
        String key = row.creditCode() + "|" + row.complianceYear();
        Long first = earlier.putIfAbsent(key, row.line());
        if (first != null) {
          reject(new CoveredEntityCsv.Problem(row.line(), CoveredEntityCsv.CREDIT_CODE, "与第 " + first
              + " 行的统一社会信用代码和履约年度相同 (the same entity and compliance year are listed on line " + first
              + ")"));
          continue;
        }
        rows.add(new Object[] {importId, row.line(), row.creditCode(), row.name(), row.complianceYear(),
            row.verifiedEmissions()});
      }
      if (!rows.isEmpty()) {
        jdbc.batchUpdate("""
            insert into ets_covered_entity (import_id, line_no, credit_code, name, compliance_year,
                verified_emissions)
            values (?, ?, ?, ?, ?, ?)""", rows);
      }
      batch.clear();
    }
  }

  private Long insertImport(String source, LocalDate listDate, String fileName, Instant at) {
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      var statement = connection.prepareStatement("""
          insert into ets_covered_entity_import (source, list_date, file_name, imported_by, imported_at)
          values (?, ?, ?, ?, ?)""", new String[] {"id"});
      statement.setString(1, source);
      statement.setDate(2, Date.valueOf(listDate));
      statement.setString(3, fileName);
      statement.setString(4, currentUser.id());
      statement.setTimestamp(5, Timestamp.from(at));
      return statement;
    }, key);
    return key.getKey().longValue();
  }

  private ImportView one(Long importId) {
    return jdbc.queryForObject("select * from ets_covered_entity_import where id = ?", (rs, i) -> view(rs),
        importId);
  }

  private static ImportView view(ResultSet rs) throws SQLException {
    String years = rs.getString("years");
    return new ImportView(rs.getInt("version"), rs.getString("source"), rs.getObject("list_date", LocalDate.class),
        rs.getString("file_name"), rs.getString("sha256"), rs.getInt("row_count"),
        years == null || years.isEmpty() ? List.of() : Arrays.stream(years.split(",")).map(Integer::valueOf).toList(),
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
