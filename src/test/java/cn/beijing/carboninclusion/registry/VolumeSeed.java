package cn.beijing.carboninclusion.registry;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Seeds a platform at volume for the portal benchmark (not a test; {@code bench/portal.sh} through
 * {@code portal.PortalBenchmark}): projects, and registered reduction applications with their issuance in the registry,
 * one journal entry each. Rows are written by SQL that writes what the services write, not through the services (a
 * million issuances through {@link Registry#issue} would take hours):
 *
 * <ul>
 *   <li>Projects copy the columns of the demo's projects that the services filed (a Class I project in publicity, a
 *   disclosed Class II project), with their own name, status, district, developer, dates and registration number, as
 *   the registration, suspension and cancellation steps set them; their versions copy the template's (without contact
 *   data); each gets the disclosure items the steps publish (公示, 登记, 暂停, 注销, 二类公开), with the services' texts.
 *   <li>Each issuance writes what {@link Registry#issue} and {@link Ledger#record} write: a REGISTERED reduction
 *   application with its serials, the REDUCTION_FILED and REDUCTION_REGISTERED disclosure items, the issuance, its
 *   block in the developer's account, the ISSUED movement, the serial counter and an ISSUE journal entry whose payload,
 *   private digest (actor {@code system}) and SM3 hash are computed by {@link RegistryJournal}'s own functions, chained
 *   from the head; the head is advanced last. The chain therefore verifies.
 * </ul>
 * Not seeded: the audit trail of these steps and Camunda's history (the portal reads neither).
 */
public final class VolumeSeed {
  static final String[] DISTRICTS = {"东城区", "西城区", "朝阳区", "海淀区", "丰台区", "石景山区", "门头沟区", "房山区",
      "通州区", "顺义区", "昌平区", "大兴区", "怀柔区", "平谷区", "密云区", "延庆区"};
  static final String[] KINDS = {"分布式光伏", "公交出行", "社区节能", "林业碳汇", "建筑节能", "绿色出行"};
  static final String NAME_PREFIX = "规模测试项目";

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final Consumer<String> log;

  public VolumeSeed(DataSource dataSource, Consumer<String> log) {
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
    this.log = log;
  }

  /** A seeded registered project: what an issuance needs of it. */
  record Registered(long id, String registrationNo, long developerId, String name) {}

  /** Seeds {@code projects} projects and {@code entries} issuances (journal entries). */
  public void seed(int projects, int entries) throws Exception {
    long start = System.nanoTime();
    List<Registered> registered = projects(projects);
    log.accept(String.format(Locale.ROOT, "seeded %d projects (%d registered) in %.1f s", projects,
        registered.size(), (System.nanoTime() - start) / 1e9));
    start = System.nanoTime();
    issuances(registered, entries);
    log.accept(String.format(Locale.ROOT, "seeded %d issuances and journal entries in %.1f s", entries,
        (System.nanoTime() - start) / 1e9));
    start = System.nanoTime();
    // what autovacuum does to tables after many inserts (PostgreSQL 13+): statistics and the visibility map, without
    // which no scan reads an index alone
    jdbc.execute("vacuum analyze");
    log.accept(String.format(Locale.ROOT, "vacuumed and analyzed in %.1f s", (System.nanoTime() - start) / 1e9));
  }

  private List<Registered> projects(int n) {
    Long classOne = jdbc.queryForObject("select min(id) from project where project_class = 'CLASS_I' "
        + "and status = 'IN_PUBLICITY'", Long.class);
    Long classTwo = jdbc.queryForObject("select min(id) from project where project_class = 'CLASS_II' "
        + "and status = 'DISCLOSED'", Long.class);
    if (classOne == null || classTwo == null) {
      throw new IllegalStateException("the demo's projects (one in publicity, one disclosed Class II) are missing");
    }
    List<String> columns = jdbc.queryForList("""
        select column_name from information_schema.columns where table_schema = current_schema()
        and table_name = 'project' and column_name <> 'id' order by ordinal_position""", String.class);
    Map<String, String> set = new HashMap<>();
    // i = g: every fourth a Class II project; Class I: suspended, cancelled, under review (not public), in publicity,
    // the rest registered
    String status = """
        (case when g % 4 = 1 then 'DISCLOSED' when g % 50 = 3 then 'SUSPENDED' when g % 50 = 7 then 'CANCELLED'
              when g % 25 = 11 then 'UNDER_REVIEW' when g % 20 = 0 then 'IN_PUBLICITY' else 'REGISTERED' end)""";
    set.put("name", "'" + NAME_PREFIX + "-' || lpad(g::text, 5, '0') || '-' || (array['"
        + String.join("','", KINDS) + "'])[g % " + KINDS.length + " + 1]");
    set.put("status", status);
    set.put("district", "(array['" + String.join("','", DISTRICTS) + "'])[g % " + DISTRICTS.length + " + 1]");
    set.put("developer_id", "(select (array_agg(id order by id))[g % count(*) + 1] from developer_organisation)");
    set.put("registration_no", "(case when " + status + " in ('REGISTERED', 'SUSPENDED', 'CANCELLED') "
        + "then 'BJCI-P-2023-' || lpad(g::text, 5, '0') end)");
    set.put("submission_key", "null");
    set.put("created_at", "now() - (10000 - g) * interval '1 hour' - interval '30 days'");
    set.put("updated_at", "now() - (10000 - g) * interval '1 hour'");
    set.put("publicity_start", "(case when g % 4 = 1 then null when " + status + " = 'IN_PUBLICITY' "
        + "then current_date - (g % 10) when " + status + " = 'UNDER_REVIEW' then null "
        + "else date '2023-01-02' + (g % 300) end)");
    set.put("publicity_end", "(case when g % 4 = 1 then null when " + status + " = 'IN_PUBLICITY' "
        + "then current_date - (g % 10) + 28 when " + status + " = 'UNDER_REVIEW' then null "
        + "else date '2023-01-02' + (g % 300) + 28 end)");
    set.put("publicity_closed_on", "(case when " + status + " in ('REGISTERED', 'SUSPENDED', 'CANCELLED') "
        + "then date '2023-01-02' + (g % 300) + 28 end)");
    set.put("registered_at", "(case when " + status + " in ('REGISTERED', 'SUSPENDED', 'CANCELLED') "
        + "then timestamp with time zone '2023-02-15 10:00:00+08' + (g % 300) * interval '1 day' end)");
    set.put("status_reason", "(case when " + status + " = 'SUSPENDED' then '项目实施与设计文件不符，暂停减排量登记并限期整改' "
        + "when " + status + " = 'CANCELLED' then '开发方申请注销' end)");
    set.put("lock_version", "0");
    List<String> values = new ArrayList<>();
    for (String column : columns) {
      values.add(set.getOrDefault(column, "t." + column));
    }
    String insert = "insert into project (" + String.join(", ", columns) + ") select " + String.join(", ", values)
        + " from project t, generate_series(1, ?) g where t.id = (case when g % 4 = 1 then ? else ? end)";
    jdbc.update(insert, n, classTwo, classOne);
    String seeded = "p.name like '" + NAME_PREFIX + "-%'";
    // versions as the filing wrote them for the template, without the contact (personal data, encrypted per row)
    jdbc.update("""
        insert into project_version (project_id, version_no, effective_from, developer_id, address,
            revenue_return_ratio, revenue_plan, participant_scope, monitoring_plan, created_at)
        select p.id, v.version_no, v.effective_from, p.developer_id, v.address, v.revenue_return_ratio,
            v.revenue_plan, v.participant_scope, v.monitoring_plan, p.created_at
        from project p join project_version v
            on v.project_id = (case when p.project_class = 'CLASS_II' then ? else ? end)
        where\s""" + seeded, classTwo, classOne);
    // what the steps published, with the services' texts
    jdbc.update("""
        insert into disclosure_entry (subject_type, subject_id, kind, title, body, published_at)
        select 'PROJECT', p.id, 'PUBLICITY_STARTED', '项目公示：' || p.name,
            '公示期 ' || p.publicity_start || ' 至 ' || p.publicity_end || '（20 个工作日）。公示期内任何单位和个人可提出异议。',
            p.publicity_start + time '09:00' from project p
        where p.publicity_start is not null and\s""" + seeded);
    jdbc.update("""
        insert into disclosure_entry (subject_type, subject_id, kind, title, body, published_at)
        select 'PROJECT', p.id, 'PROJECT_REGISTERED', '项目登记：' || p.name,
            '登记编号 ' || p.registration_no || '。登记决定：经技术评估和公示，予以登记。', p.registered_at from project p
        where p.registered_at is not null and\s""" + seeded);
    jdbc.update("""
        insert into disclosure_entry (subject_type, subject_id, kind, title, body, published_at)
        select 'PROJECT', p.id, case p.status when 'SUSPENDED' then 'PROJECT_SUSPENDED' else 'PROJECT_CANCELLED' end,
            case p.status when 'SUSPENDED' then '项目暂停：' else '项目注销：' end || p.name, p.status_reason,
            p.updated_at from project p
        where p.status in ('SUSPENDED', 'CANCELLED') and\s""" + seeded);
    jdbc.update("""
        insert into disclosure_entry (subject_type, subject_id, kind, title, body, published_at)
        select 'PROJECT', p.id, 'CLASS_II_DISCLOSED', '二类项目信息公开：' || p.name,
            '项目开发方申请公开的项目信息、收益使用计划和运营情况。', p.created_at + interval '20 days' from project p
        where p.status = 'DISCLOSED' and\s""" + seeded);
    // objections to a project in publicity (no objector data: it is erased or optional, and never public)
    jdbc.update("""
        insert into objection (project_id, content, status, filed_at)
        select p.id, '该项目的参与者范围与实际情况不符，请核实（规模测试）。', 'OPEN', now() - interval '1 day'
        from project p, generate_series(1, 2) k where p.status = 'IN_PUBLICITY' and p.id % 3 = 0 and\s""" + seeded);
    jdbc.update("""
        insert into registration_counter (counter_year, last_value) values (2023, 99999)
        on conflict (counter_year) do update set last_value = greatest(registration_counter.last_value, 99999)""");
    return jdbc.query("select p.id, p.registration_no, p.developer_id, p.name from project p "
            + "where p.status = 'REGISTERED' and " + seeded + " order by p.id",
        (rs, i) -> new Registered(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4)));
  }

  /**
   * {@code n} issuances spread over the registered projects, weekly monitoring periods from 2021 on, 1–50 tCO2e each:
   * every row as {@link Registry#issue}, {@link Ledger#record} and the reduction registration write it.
   */
  private void issuances(List<Registered> projects, int n) throws Exception {
    // the developers' accounts, opened as on a first issuance
    jdbc.update("""
        insert into registry_account (kind, developer_id, name, created_at)
        select 'DEVELOPER', d.id, d.name, now() from developer_organisation d
        where not exists (select 1 from registry_account a where a.developer_id = d.id)""");
    Map<Long, Long> accountOf = new HashMap<>();
    jdbc.query("select developer_id, id from registry_account where kind = 'DEVELOPER'",
        rs -> {
          accountOf.put(rs.getLong(1), rs.getLong(2));
        });
    long headId = jdbc.queryForObject("select last_entry_id from registry_journal_head where id = 1", Long.class);
    String headHash = jdbc.queryForObject("select last_hash from registry_journal_head where id = 1", String.class);
    long anchor = jdbc.queryForObject("select first_entry_id from registry_journal_anchor where algorithm = 'SM3'",
        Long.class);
    if (headId + 1 < anchor) {
      throw new IllegalStateException("the journal is before its SM3 anchor");
    }
    long applicationId = next("reduction_application");
    long issuanceId = next("registry_issuance");
    long blockId = next("registry_block");
    long movementId = next("registry_movement");
    long disclosureId = next("disclosure_entry");
    Map<String, Long> lastUnit = new HashMap<>();
    Instant firstAt = Instant.now().minus(730, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
    long stepMillis = 730L * 86_400_000L / Math.max(n, 1);
    int chunk = 50_000;
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
      for (int from = 0; from < n; from += chunk) {
        StringBuilder journal = new StringBuilder();
        StringBuilder applications = new StringBuilder();
        StringBuilder issuances = new StringBuilder();
        StringBuilder blocks = new StringBuilder();
        StringBuilder movements = new StringBuilder();
        StringBuilder disclosures = new StringBuilder();
        for (int k = from; k < Math.min(n, from + chunk); k++) {
          Registered p = projects.get(k % projects.size());
          int period = k / projects.size();
          LocalDate periodStart = LocalDate.of(2021, 1, 4).plusWeeks(period);
          LocalDate periodEnd = periodStart.plusDays(6);
          int vintage = periodEnd.getYear();
          long quantity = 1 + (k * 7919L) % 50;
          String counterKey = p.registrationNo() + "|" + vintage;
          long first = lastUnit.getOrDefault(counterKey, 0L) + 1;
          long last = first + quantity - 1;
          lastUnit.put(counterKey, last);
          long account = accountOf.get(p.developerId());
          Instant at = firstAt.plusMillis(stepMillis * k);
          long entryId = ++headId;
          String firstSerial = Serials.unit(p.registrationNo(), vintage, first);
          String lastSerial = Serials.unit(p.registrationNo(), vintage, last);
          String range = Serials.range(p.registrationNo(), vintage, first, last);
          // Registry.issue's public fields, then Ledger.record's
          JournalPayload publicFields = new JournalPayload().put("issuance", issuanceId).put("application",
                  applicationId).put("project", p.id()).put("registrationNo", p.registrationNo())
              .put("vintage", vintage).put("quantity", quantity).put("account", RegistryAccount.number(account))
              .put("by", "system")
              .put("move", "ISSUED:" + blockId + ":" + range + ":" + quantity + ":->" + RegistryAccount.number(account));
          String salt = String.format(Locale.ROOT, "%032x", k * 2654435761L + 1);
          String privateDetails = new JournalPayload().put("actor", "system").toString();
          String payload = publicFields.put("private", RegistryJournal.privateDigest(RegistryJournal.SM3, salt,
              privateDetails)).toString();
          String hash = RegistryJournal.hash(RegistryJournal.SM3, headHash,
              RegistryJournal.canonicalContent(entryId, at, "ISSUE", payload));
          row(journal, entryId, at, "ISSUE", payload, headHash, hash, privateDetails, salt, RegistryJournal.SM3);
          headHash = hash;
          Instant submitted = at.minus(20, ChronoUnit.DAYS);
          String approved = quantity + ".0000";
          row(applications, applicationId, p.id(), periodStart, periodEnd, approved, approved, "REGISTERED", submitted,
              0, "监测报告（规模测试）", quantity + ".000000", approved, quantity, firstSerial, lastSerial);
          row(issuances, issuanceId, applicationId, p.id(), p.registrationNo(), p.developerId(), account, vintage,
              first, last, quantity, firstSerial, lastSerial, at, entryId);
          row(blocks, blockId, account, p.id(), p.registrationNo(), p.developerId(), vintage, first, last, quantity,
              "ACTIVE", issuanceId, at, at, 0);
          row(movements, movementId, entryId, "ISSUED", blockId, p.registrationNo(), vintage, first, last, quantity,
              account, at);
          row(disclosures, disclosureId++, "REDUCTION", applicationId, "REDUCTION_FILED", "减排量申请：" + p.name(),
              "登记编号 " + p.registrationNo() + "，监测期 " + periodStart + " 至 " + periodEnd + "，申报减排量 "
                  + quantity + " tCO2e", submitted);
          row(disclosures, disclosureId++, "REDUCTION", applicationId, "REDUCTION_REGISTERED", "减排量登记：" + p.name(),
              "登记编号 " + p.registrationNo() + "，监测期 " + periodStart + " 至 " + periodEnd + "，登记减排量 "
                  + quantity + " tCO2e；签发 " + quantity + " tCO2e，序号 " + firstSerial + " 至 " + lastSerial + "。", at);
          applicationId++;
          issuanceId++;
          blockId++;
          movementId++;
        }
        copy(copy, "registry_journal (id, occurred_at, operation, payload, previous_hash, hash, private_details, "
            + "private_salt, hash_algorithm)", journal);
        copy(copy, "reduction_application (id, project_id, period_start, period_end, claimed_tco2e, verified_tco2e, "
            + "status, submitted_at, lock_version, monitoring_report, recomputed_tco2e, approved_tco2e, "
            + "issued_quantity, first_serial, last_serial)", applications);
        copy(copy, "registry_issuance (id, application_id, project_id, project_registration_no, developer_id, "
            + "account_id, vintage_year, first_unit, last_unit, quantity, first_serial, last_serial, issued_at, "
            + "journal_entry_id)", issuances);
        copy(copy, "registry_block (id, account_id, project_id, project_registration_no, developer_id, vintage_year, "
            + "first_unit, last_unit, quantity, status, issuance_id, created_at, updated_at, lock_version)", blocks);
        copy(copy, "registry_movement (id, journal_entry_id, kind, block_id, project_registration_no, vintage_year, "
            + "first_unit, last_unit, quantity, to_account_id, occurred_at)", movements);
        copy(copy, "disclosure_entry (id, subject_type, subject_id, kind, title, body, published_at)", disclosures);
        log.accept(String.format(Locale.ROOT, "  %d of %d issuances", Math.min(n, from + chunk), n));
      }
      try (var counters = connection.prepareStatement("""
          insert into registry_serial_counter (project_registration_no, vintage_year, project_id, developer_id, last_unit)
          select ?, ?, p.id, p.developer_id, ? from project p where p.registration_no = ?""")) {
        for (Map.Entry<String, Long> counter : lastUnit.entrySet()) {
          String[] key = counter.getKey().split("\\|");
          counters.setString(1, key[0]);
          counters.setInt(2, Integer.parseInt(key[1]));
          counters.setLong(3, counter.getValue());
          counters.setString(4, key[0]);
          counters.addBatch();
        }
        counters.executeBatch();
      }
      try (var head = connection.prepareStatement(
          "update registry_journal_head set last_entry_id = ?, last_hash = ? where id = 1")) {
        head.setLong(1, headId);
        head.setString(2, headHash);
        head.executeUpdate();
      }
      try (var statement = connection.createStatement()) {
        for (String table : List.of("reduction_application", "registry_issuance", "registry_block",
            "registry_movement", "disclosure_entry")) {
          statement.execute("select setval(pg_get_serial_sequence('" + table + "', 'id'), (select max(id) from "
              + table + "))");
        }
      }
      connection.commit();
    }
  }

  private long next(String table) {
    return jdbc.queryForObject("select coalesce(max(id), 0) + 1 from " + table, Long.class);
  }

  private static void copy(CopyManager copy, String target, StringBuilder rows) throws Exception {
    try (Reader in = new StringReader(rows.toString())) {
      copy.copyIn("copy " + target + " from stdin", in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One row of COPY's text format. */
  private static void row(StringBuilder out, Object... values) {
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        out.append('\t');
      }
      Object v = values[i];
      if (v == null) {
        out.append("\\N");
      } else {
        String s = v.toString();
        for (char c : s.toCharArray()) {
          switch (c) {
            case '\\' -> out.append("\\\\");
            case '\t' -> out.append("\\t");
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            default -> out.append(c);
          }
        }
      }
    }
    out.append('\n');
  }
}
