package cn.beijing.carboninclusion.admin;

import cn.beijing.carboninclusion.common.ModelChangeGate;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.decision.CaseRef;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * The change proposals of models and rules (issue 20, item 1; table {@code model_change}, Flyway {@code V86}): who
 * deployed what, the diff the approver reads, and the decision with its effective date. The {@link ModelChangeGate}
 * the rule book asks: a deployment with no proposal is in force; a proposal only once approved and from its date.
 */
@Component
public class ModelChanges implements ModelChangeGate {
  /** One proposal. */
  public record Change(long id, String deploymentId, String deploymentName, String resources, String proposedBy,
      Instant proposedAt, String diff, String status, Instant effectiveFrom, String decidedBy, Instant decidedAt,
      String decisionComment) {}

  private static final RowMapper<Change> ROW = (rs, n) -> new Change(rs.getLong("id"), rs.getString("deployment_id"),
      rs.getString("deployment_name"), rs.getString("resources"), rs.getString("proposed_by"),
      instant(rs.getTimestamp("proposed_at")), rs.getString("diff"), rs.getString("status"),
      instant(rs.getTimestamp("effective_from")), rs.getString("decided_by"), instant(rs.getTimestamp("decided_at")),
      rs.getString("decision_comment"));

  private final JdbcTemplate jdbc;
  /**
   * Deployments whose start of force is known for good, with that moment: one with no proposal is in force as it
   * comes ({@link Instant#MIN}; the proposal is recorded in the deployment's own transaction, so a deployment seen
   * without one never gets one), an approved one from its effective date (a decision is final: approve and reject
   * change only an open proposal). The rule book asks on every rule read; these answers need no query. A node learns
   * an open proposal's fate at its next read, as nothing open is kept.
   */
  private final Map<String, Instant> settled = new ConcurrentHashMap<>();

  ModelChanges(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public boolean inForce(String deploymentId, Instant moment) {
    Instant since = settled.get(deploymentId);
    if (since == null) {
      List<Change> held = jdbc.query("select * from model_change where deployment_id = ?", ROW, deploymentId);
      if (held.isEmpty()) {
        since = Instant.MIN;
      } else if ("APPROVED".equals(held.get(0).status())) {
        since = held.get(0).effectiveFrom();
      } else {
        return false;
      }
      settled.put(deploymentId, since);
    }
    return !since.isAfter(moment);
  }

  /** The proposal a {@code ModelChange} process instance decides on: its business key, fixed when it started. */
  static long caseOf(DelegateExecution execution) {
    CaseRef ref = CaseRef.of(execution);
    if (ref == null || !CaseRef.MODEL_CHANGE.equals(ref.caseType())) {
      throw new IllegalStateException("not a model change case: " + execution.getProcessInstanceId());
    }
    return ref.caseId();
  }

  /** Records a proposal; returns its id. */
  long propose(String deploymentId, String deploymentName, String resources, String proposedBy, Instant at,
      String diff) {
    jdbc.update("insert into model_change (deployment_id, deployment_name, resources, proposed_by, proposed_at, diff,"
        + " status) values (?, ?, ?, ?, ?, ?, 'PROPOSED')", deploymentId, deploymentName, resources, proposedBy,
        Timestamp.from(at), diff);
    return jdbc.queryForObject("select id from model_change where deployment_id = ?", Long.class, deploymentId);
  }

  public Change get(long id) {
    return find(id).orElseThrow(() -> new NotFoundException("model change", id));
  }

  public Optional<Change> find(long id) {
    return jdbc.query("select * from model_change where id = ?", ROW, id).stream().findFirst();
  }

  /** The proposals, newest first, paged. */
  public List<Change> page(int offset, int limit) {
    return jdbc.query("select * from model_change order by id desc offset ? rows fetch next ? rows only", ROW, offset,
        limit);
  }

  public long count() {
    return jdbc.queryForObject("select count(*) from model_change", Long.class);
  }

  /** Approves a proposal still open (once: a second decision finds it decided and changes nothing). */
  boolean approve(long id, String by, Instant at, Instant effectiveFrom, String comment) {
    return jdbc.update("update model_change set status = 'APPROVED', decided_by = ?, decided_at = ?, effective_from = ?,"
        + " decision_comment = ? where id = ? and status = 'PROPOSED'", by, Timestamp.from(at),
        Timestamp.from(effectiveFrom), comment, id) == 1;
  }

  boolean reject(long id, String by, Instant at, String comment) {
    return jdbc.update("update model_change set status = 'REJECTED', decided_by = ?, decided_at = ?,"
        + " decision_comment = ? where id = ? and status = 'PROPOSED'", by, Timestamp.from(at), comment, id) == 1;
  }

  private static Instant instant(Timestamp timestamp) {
    return timestamp == null ? null : timestamp.toInstant();
  }
}
