package cn.beijing.carboninclusion.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.crypto.Sm3;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The recorded decisions of a case form an SM3 chain (Flyway V41, decision.DecisionChain), on PostgreSQL: each
 * row's hash is recomputed here from the documented rule; the database refuses to update or delete a decision; and a
 * decision changed behind the database's back (triggers disabled, as only the database owner can) stops the case —
 * no further decision is taken and the registration refuses to act on it.
 */
class RecordedDecisionsChainTest extends PlatformIntegrationTest {
  @Autowired ApplicationContext context;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcTemplate jdbc;

  ProjectCases cases;
  ProcessInstance registration;

  @BeforeEach
  void aCaseInBureauDecision() {
    cases = new ProjectCases(context);
    registration = cases.inBureauDecision(ProjectCases.aCompleteApplication());
  }

  @AfterEach
  void cleanUp() {
    runtimeService.createProcessInstanceQuery().processInstanceId(registration.getId()).list()
        .forEach(pi -> runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    cases.cleanUp();
  }

  @Test
  void eachDecisionChainsFromTheOneBeforeItWithSm3() {
    List<Map<String, Object>> rows = rowsOf(registration.getId());
    assertThat(rows).extracting(row -> row.get("task_key")).containsExactly("Task_TechnicalReview");
    String previous = Sm3.hex("case_decision\n" + registration.getId());
    for (Map<String, Object> row : rows) {
      assertThat(row.get("previous_hash")).isEqualTo(previous);
      String content = String.join("\n", (String) row.get("task_id"), (String) row.get("process_instance_id"),
          (String) row.get("process_key"), row.get("business_key") == null ? "" : (String) row.get("business_key"),
          (String) row.get("task_key"), (String) row.get("route"), (String) row.get("decided_by"),
          ((Timestamp) row.get("decided_at")).toInstant().toString(), (String) row.get("decision_values"));
      previous = Sm3.hex(previous + "\n" + content);
      assertThat(row.get("hash")).isEqualTo(previous);
    }

    cases.completeAs(ProjectCases.BUREAU_OFFICER, task("Task_BureauDecision", registration),
        withVariables("bureauDecision", "APPROVE", "bureauComment", "准予登记"));
    List<Map<String, Object>> after = rowsOf(registration.getId());
    assertThat(after).hasSize(2);
    assertThat(after.get(1).get("previous_hash")).as("the bureau's decision follows the review's")
        .isEqualTo(after.get(0).get("hash"));
    execute(job("Task_RegisterProject", registration));
    assertThat(cases.current(Long.valueOf(registration.getBusinessKey())).getStatus())
        .isEqualTo(ProjectStatus.REGISTERED);
  }

  @Test
  void theDatabaseRefusesToUpdateOrDeleteADecision() {
    Long id = rowsOf(registration.getId()).get(0).get("id") instanceof Number n ? n.longValue() : null;
    assertThatThrownBy(() -> jdbc.update("update case_decision set decided_by = 'someone' where id = ?", id))
        .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    assertThatThrownBy(() -> jdbc.update("delete from case_decision where id = ?", id))
        .isInstanceOf(DataAccessException.class).hasMessageContaining("append-only");
    assertThat(rowsOf(registration.getId()).get(0).get("decided_by")).isEqualTo(ProjectCases.TECHNICAL_REVIEWER);
  }

  @Test
  void aDecisionChangedAfterTheFactStopsTheCase() {
    Long id = ((Number) rowsOf(registration.getId()).get(0).get("id")).longValue();
    // what only the database owner can do: switch the guard off, rewrite the review's comment, switch it on
    jdbc.execute("alter table case_decision disable trigger case_decision_append_only");
    try {
      jdbc.update("update case_decision set decision_values = replace(decision_values, '技术评估通过', '技术评估通过（已改）')"
          + " where id = ?", id);
    } finally {
      jdbc.execute("alter table case_decision enable trigger case_decision_append_only");
    }

    Throwable refused = catchThrowable(() -> cases.completeAs(ProjectCases.BUREAU_OFFICER,
        task("Task_BureauDecision", registration),
        withVariables("bureauDecision", "APPROVE", "bureauComment", "准予登记")));
    assertThat(refused).isInstanceOf(ConflictException.class).hasMessageContaining("哈希链")
        .hasMessageContaining(String.valueOf(id));
    assertThat(rowsOf(registration.getId())).hasSize(1);

    // nor does the registration act on the changed record, whatever route leads to it
    runtimeService.createProcessInstanceModification(registration.getId())
        .startBeforeActivity("Task_RegisterProject").execute();
    Throwable registering = catchThrowable(() -> execute(job("Task_RegisterProject", registration)));
    assertThat(registering).hasMessageContaining("哈希链");
    assertThat(cases.current(Long.valueOf(registration.getBusinessKey())).getRegistrationNo()).isNull();
  }

  private List<Map<String, Object>> rowsOf(String processInstanceId) {
    return jdbc.queryForList("select * from case_decision where process_instance_id = ? order by id",
        processInstanceId);
  }
}
