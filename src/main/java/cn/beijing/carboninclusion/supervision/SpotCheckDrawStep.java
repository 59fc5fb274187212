package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ProcessVariables;
import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * 抽取检查对象和检查人员: the year's draw ({@link SpotChecks#draw}). Started by the bureau the case carries the year,
 * the sample sizes and the seed phrase it asked for; started by the yearly timer it draws for the current year (Beijing
 * time) with the rules' sizes and a random phrase, and takes the year as its business key. A year drawn before ends
 * the case at 本年度已抽查 ({@code Error_YearAlreadyDrawn}).
 */
@Component("spotCheckDraw")
class SpotCheckDrawStep implements JavaDelegate {
  static final String ALREADY_DRAWN = "Error_YearAlreadyDrawn";

  private final SpotChecks spotChecks;

  SpotCheckDrawStep(SpotChecks spotChecks) {
    this.spotChecks = spotChecks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    int year = execution.getVariable("spotCheckYear") instanceof Number given ? given.intValue()
        : spotChecks.currentYear();
    if (execution.getProcessBusinessKey() == null) {
      execution.setProcessBusinessKey(String.valueOf(year));
      execution.setVariable("spotCheckYear", year);
    }
    if (spotChecks.find(year).isPresent()) {
      throw new BpmnError(ALREADY_DRAWN, year + " 年度已抽查 (the year has been drawn)");
    }
    String orderedBy = ProcessVariables.text(execution, "orderedBy");
    SpotChecks.DrawResult result = spotChecks.draw(new SpotChecks.DrawRequest(year,
        count(execution, "requestedProjectCount"), count(execution, "requestedAgencyCount"),
        ProcessVariables.text(execution, "seedPhrase"), orderedBy.isEmpty() ? AuditTrail.SYSTEM : orderedBy,
        execution.getProcessInstanceId()));
    execution.setVariable("spotCheckItems", new ArrayList<>(result.itemIds()));
    execution.setVariable("inspectionDue", result.inspectionDue());
  }

  private static Integer count(DelegateExecution execution, String name) {
    return execution.getVariable(name) instanceof Number n ? n.intValue() : null;
  }
}
