package cn.beijing.carboninclusion.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every domain table (the public schema but {@code flyway_schema_history} and Camunda's {@code act_*}) and Camunda's
 * runtime tables ({@code act_ru_*}): row count and an MD5 over the rows' MD5s in primary-key order, computed by
 * PostgreSQL. Two snapshots are equal when no row was added, removed or changed.
 */
final class DatabaseSnapshot {

  /**
   * Left out as a whole: {@code act_ru_meter_log} is written by the engine's metrics reporter on its own schedule
   * (every 15 minutes and at shutdown) with counts of engine activity of the whole run; it is no state of any case,
   * and a request cannot write it. {@code access_log} gains a row for every read of confidential fields by staff, by
   * design (the reads the fuzzer makes as reviewers are logged, refused ones too); {@code rate_limit_bucket} holds
   * the public forms' allowance per client address, which every filing attempt takes from; {@code security_audit} and
   * its head gain a row for every failed login and every refusal, by design. None is the state of a case;
   * {@code OpenApiFuzzTest} checks that the access log and the security audit only grew (and the audit's chain holds).
   * {@code kpi_daily} gains the day's KPI snapshot at 00:05 Beijing time (scheduled, {@code KpiDailyHistory}); no
   * request writes it. {@code certificate_code} and {@code certificate_file} record each certificate the platform
   * hands out (its verification code when first drawn, the SM3 digest and signature of every downloaded PDF), so that
   * the public can check a certificate later: a download writes them by design, and they are no state of a case.
   */
  static final Set<String> IGNORED_TABLES = Set.of("act_ru_meter_log", "access_log", "rate_limit_bucket",
      "security_audit", "security_audit_head", "kpi_daily", "certificate_code", "certificate_file");

  /**
   * Columns that change without a request writing anything: the notification sender ({@code NotificationSender},
   * scheduled and asynchronous) claims, retries and marks sent the outbox rows that earlier tests queued — their
   * delivery state, not their content. A notice a request queued still shows as a new row. No other column of the
   * schema changes on a read (there is no last-login or view counter).
   */
  static final Map<String, Set<String>> IGNORED_COLUMNS = Map.of(
      "notification", Set.of("status", "attempts", "next_attempt_at", "last_error", "sent_at", "lock_version"));

  record Table(long rows, String hash) {}

  private final Map<String, Table> tables;

  private DatabaseSnapshot(Map<String, Table> tables) {
    this.tables = tables;
  }

  static DatabaseSnapshot take(JdbcTemplate jdbc) {
    List<String> names = jdbc.queryForList("""
        select table_name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE'
          and table_name <> 'flyway_schema_history' and (table_name not like 'act\\_%' or table_name like 'act\\_ru\\_%')
        order by table_name""", String.class);
    Map<String, Table> tables = new LinkedHashMap<>();
    for (String table : names) {
      if (IGNORED_TABLES.contains(table)) {
        continue;
      }
      Set<String> ignored = IGNORED_COLUMNS.getOrDefault(table, Set.of());
      List<String> columns = jdbc.queryForList("""
          select column_name from information_schema.columns
          where table_schema = 'public' and table_name = ? order by ordinal_position""", String.class, table)
          .stream().filter(c -> !ignored.contains(c)).toList();
      List<String> key = jdbc.queryForList("""
          select kcu.column_name from information_schema.table_constraints tc
          join information_schema.key_column_usage kcu
            on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
          where tc.table_schema = 'public' and tc.table_name = ? and tc.constraint_type = 'PRIMARY KEY'
          order by kcu.ordinal_position""", String.class, table);
      List<String> order = new ArrayList<>(key.isEmpty() ? columns : key);
      String row = "row(" + columns.stream().map(c -> "t." + quote(c)).collect(Collectors.joining(", ")) + ")::text";
      String orderBy = order.stream().map(c -> "t." + quote(c)).collect(Collectors.joining(", "));
      Map<String, Object> result = jdbc.queryForMap("select count(*) as n, md5(coalesce(string_agg(md5(" + row
          + "), '' order by " + orderBy + "), '')) as h from " + quote(table) + " t");
      tables.put(table, new Table(((Number) result.get("n")).longValue(), (String) result.get("h")));
    }
    return new DatabaseSnapshot(tables);
  }

  int tableCount() {
    return tables.size();
  }

  long rows() {
    return tables.values().stream().mapToLong(Table::rows).sum();
  }

  /** The tables that differ, each with its row count before and after. */
  List<String> differences(DatabaseSnapshot after) {
    List<String> differences = new ArrayList<>();
    Set<String> names = new java.util.TreeSet<>(tables.keySet());
    names.addAll(after.tables.keySet());
    for (String name : names) {
      Table a = tables.get(name);
      Table b = after.tables.get(name);
      if (a == null || !a.equals(b)) {
        differences.add(name + ": " + (a == null ? "absent" : a.rows() + " rows") + " -> "
            + (b == null ? "absent" : b.rows() + " rows") + (a != null && b != null && a.rows() == b.rows()
            ? " (rows changed)" : ""));
      }
    }
    return differences;
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
