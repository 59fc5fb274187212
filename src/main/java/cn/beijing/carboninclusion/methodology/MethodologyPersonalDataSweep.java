package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.PersonalDataSweep;
import cn.beijing.carboninclusion.common.RetentionProperties;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Commenters' names and contacts past retention (docs/personal-data.md): the period runs from the end of the
 * methodology's formulation, its publication ({@code published_at}) or its rejection (its last status change); a version seeded as effective, from its creation. The
 * comment's text stays: it is part of the formulation's record.
 */
@Component
class MethodologyPersonalDataSweep implements PersonalDataSweep {
  /** The statuses a methodology version reaches once its formulation (and so its public comment) ended. */
  static final List<String> FORMULATION_ENDED = List.of(MethodologyStatus.EFFECTIVE.name(),
      MethodologyStatus.UNDER_EVALUATION.name(), MethodologyStatus.REVISED.name(), MethodologyStatus.RETIRED.name(),
      MethodologyStatus.REJECTED.name());

  private final NamedParameterJdbcTemplate jdbc;

  MethodologyPersonalDataSweep(NamedParameterJdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Integer> sweep(Instant now, RetentionProperties retention) {
    MapSqlParameterSource p = new MapSqlParameterSource()
        .addValue("ended", FORMULATION_ENDED)
        .addValue("cutoff", now.minus(retention.commentContact()).atOffset(ZoneOffset.UTC));
    return Map.of("methodology_comment.commenter_name+contact", jdbc.update("""
        update methodology_comment set commenter_name = null, contact = null
        where (commenter_name is not null or contact is not null)
          and methodology_id in (select id from methodology
              where status in (:ended) and coalesce(published_at, updated_at, created_at) <= :cutoff)""", p));
  }
}
