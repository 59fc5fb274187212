package cn.beijing.carboninclusion.fuzz;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What exists on the platform when the run starts, read in a fixed order (so that a seed reproduces the same
 * requests on the same data): the ids of each kind of resource with the developer organisation each belongs to, and
 * the references the API takes as text (account numbers, serials, registration numbers, credit codes, methodology
 * codes, process keys). The fuzzer aims at real resources, its own and other developers', and at ones that do not exist.
 */
record PlatformFacts(Map<String, List<Long>> ids, Map<String, Map<Long, Long>> developerOf,
    Map<String, Long> developerOfUser, Map<String, List<String>> references) {

  static PlatformFacts read(JdbcTemplate jdbc) {
    Map<String, List<Long>> ids = new LinkedHashMap<>();
    Map<String, Map<Long, Long>> owners = new HashMap<>();
    kind(jdbc, ids, owners, "project", "select id, developer_id from project order by id");
    kind(jdbc, ids, owners, "document",
        "select d.id, p.developer_id from project_document d join project p on p.id = d.project_id order by d.id");
    kind(jdbc, ids, owners, "methodology", "select id, proposer_developer_id from methodology order by id");
    kind(jdbc, ids, owners, "reduction",
        "select a.id, p.developer_id from reduction_application a join project p on p.id = a.project_id order by a.id");
    kind(jdbc, ids, owners, "change",
        "select c.id, p.developer_id from project_change c join project p on p.id = c.project_id order by c.id");
    kind(jdbc, ids, owners, "bar", "select id, null from bar order by id");
    kind(jdbc, ids, owners, "transfer", """
        select t.id, a.developer_id from registry_transfer t join registry_account a on a.id = t.from_account_id
        order by t.id""");
    kind(jdbc, ids, owners, "issuance", "select id, developer_id from registry_issuance order by id");
    kind(jdbc, ids, owners, "retirement", "select id, null from registry_retirement order by id");
    kind(jdbc, ids, owners, "block", "select id, developer_id from registry_block order by id");
    kind(jdbc, ids, owners, "developer", "select id, id from developer_organisation order by id");
    kind(jdbc, ids, owners, "agency", "select id, null from service_agency order by id");
    Map<String, Long> developerOfUser = new LinkedHashMap<>();
    jdbc.query("select user_id, organisation_id from developer_member order by user_id",
        rs -> { developerOfUser.put(rs.getString(1), rs.getLong(2)); });
    Map<String, List<String>> references = new LinkedHashMap<>();
    references.put("accountNo", jdbc.queryForList(
        "select 'BJCI-A-' || lpad(id::text, 8, '0') from registry_account order by id", String.class));
    references.put("serial", jdbc.queryForList("""
        select s from (select first_serial s, id from registry_issuance union all select last_serial, id
        from registry_issuance) x order by id, s""", String.class));
    references.put("registrationNo", jdbc.queryForList(
        "select registration_no from project where registration_no is not null order by id", String.class));
    references.put("creditCode", jdbc.queryForList("""
        select credit_code from (select credit_code, id, 0 k from developer_organisation
        union all select credit_code, id, 1 from service_agency) x order by k, id""", String.class));
    references.put("methodologyCode", jdbc.queryForList(
        "select distinct code from methodology order by code", String.class));
    references.put("processKey", jdbc.queryForList(
        "select distinct key_ from act_re_procdef order by key_", String.class));
    return new PlatformFacts(ids, owners, developerOfUser, references);
  }

  private static void kind(JdbcTemplate jdbc, Map<String, List<Long>> ids, Map<String, Map<Long, Long>> owners,
      String kind, String sql) {
    Map<Long, Long> owner = new LinkedHashMap<>();
    jdbc.query(sql, rs -> {
      long id = rs.getLong(1);
      long developer = rs.getLong(2);
      owner.put(id, rs.wasNull() ? null : developer);
    });
    ids.put(kind, List.copyOf(owner.keySet()));
    owners.put(kind, owner);
  }

  List<Long> of(String kind) {
    return ids.getOrDefault(kind, List.of());
  }

  /** Ids of that kind belonging to this developer organisation. */
  List<Long> ownedBy(String kind, Long developer) {
    if (developer == null) {
      return List.of();
    }
    return developerOf.getOrDefault(kind, Map.of()).entrySet().stream()
        .filter(e -> developer.equals(e.getValue())).map(Map.Entry::getKey).toList();
  }

  /** An id no row of that kind has (beyond every id there is, and beyond what a run can create). */
  long absent(String kind, long salt) {
    long max = of(kind).stream().mapToLong(Long::longValue).max().orElse(0);
    return max + 1_000_000_000L + Math.floorMod(salt, 1_000_000_000L);
  }

  List<String> references(String kind) {
    return references.getOrDefault(kind, List.of());
  }

  int size() {
    return ids.values().stream().mapToInt(List::size).sum()
        + references.values().stream().mapToInt(List::size).sum();
  }
}
