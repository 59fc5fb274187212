package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.PersonalDataSweep;
import cn.beijing.carboninclusion.common.RetentionProperties;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The project module's personal data past retention (docs/personal-data.md): objectors' names and contacts, the
 * contact of a project that ended, the contact values of contact changes that were not applied. The objection, the
 * version and the change stay (they are the decision trail); only the personal columns become null ({@code {}} for the
 * values of a contact change). Set-based SQL: the rows are never read into memory, and nothing is decrypted.
 */
@Component
class ProjectPersonalDataSweep implements PersonalDataSweep {
  /** The statuses in which an application or a project has ended. */
  static final List<String> ENDED = List.of(ProjectStatus.CANCELLED.name(), ProjectStatus.WITHDRAWN.name(),
      ProjectStatus.REJECTED.name());
  /** The statuses of a change request that was not applied and never will be. */
  static final List<String> NOT_APPLIED = List.of(ProjectChangeStatus.REJECTED.name(),
      ProjectChangeStatus.REFUSED.name(), ProjectChangeStatus.INCOMPLETE.name(), ProjectChangeStatus.TERMINATED.name());

  private final NamedParameterJdbcTemplate jdbc;

  ProjectPersonalDataSweep(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> sweep(Instant now, RetentionProperties retention) {
    MapSqlParameterSource p = new MapSqlParameterSource()
        .addValue("ended", ENDED)
        .addValue("notApplied", NOT_APPLIED)
        .addValue("objectionCutoff", utc(now.minus(retention.objectionContact())))
        .addValue("changeCutoff", utc(now.minus(retention.refusedChangeContact())))
        .addValue("projectCutoff", utc(now.minus(retention.closedProjectContact())));
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("objection.objector_name+contact", jdbc.update("""
        update objection set objector_name = null, contact = null
        where (objector_name is not null or contact is not null)
          and ((decided_at is not null and decided_at <= :objectionCutoff)
            or (status = 'OPEN' and project_id in (select id from project
                where status in (:ended) and updated_at <= :objectionCutoff)))""", p));
    counts.put("project_version.contact_name+contact_phone+contact_email", jdbc.update("""
        update project_version set contact_name = null, contact_phone = null, contact_email = null
        where (contact_name is not null or contact_phone is not null or contact_email is not null)
          and project_id in (select id from project where status in (:ended) and updated_at <= :projectCutoff)""", p));
    counts.put("project_change.new_values(CONTACT)", jdbc.update("""
        update project_change set new_values = '{}'
        where kind = 'CONTACT' and new_values <> '{}'
          and ((status in (:notApplied) and coalesce(decided_at, filed_at) <= :changeCutoff)
            or project_id in (select id from project where status in (:ended) and updated_at <= :projectCutoff))""",
        p));
    return counts;
  }

  private static OffsetDateTime utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }
}
