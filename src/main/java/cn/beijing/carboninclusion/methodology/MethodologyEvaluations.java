package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.ProcessStarts;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.common.ProcessMessages;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.common.SchemeRuleSet;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;

/**
 * 动态评估: one long-running {@code MethodologyEvaluation} instance per effective methodology version (business key =
 * methodology id), waiting for its cycle timer, an on-demand request of the bureau, or its replacement by a new
 * version.
 */
@Service
public class MethodologyEvaluations {
  static final String PROCESS = "MethodologyEvaluation";
  static final String MESSAGE_REQUESTED = ProcessMessages.EVALUATION_REQUESTED;
  static final String MESSAGE_SUPERSEDED = ProcessMessages.METHODOLOGY_SUPERSEDED;

  private final RuntimeService runtimeService;
  private final EngineAsPlatform engine;
  private final SchemeRuleBook rules;
  private final ProcessStarts processStarts;

  public MethodologyEvaluations(RuntimeService runtimeService, EngineAsPlatform engine,
      SchemeRuleBook rules, ProcessStarts processStarts) {
    this.processStarts = processStarts;
    this.runtimeService = runtimeService;
    this.engine = engine;
    this.rules = rules;
  }

  /** Starts the evaluation cycle of a methodology version that has just become effective. */
  public void startCycle(Methodology methodology) {
    Map<String, Object> variables = new HashMap<>();
    variables.put(MethodologyVariables.METHODOLOGY_ID, methodology.getId());
    variables.put(MethodologyVariables.CODE, methodology.getCode());
    variables.put(MethodologyVariables.NAME, methodology.getName());
    variables.put(MethodologyVariables.LEVEL, methodology.getLevel());
    SchemeRuleSet current = rules.current();
    variables.put(MethodologyVariables.EVALUATION_CYCLE, current.period(SchemeRule.EVALUATION_CYCLE).toString());
    variables.put(MethodologyVariables.ASSESS_DUE, current.duration(SchemeRule.METHODOLOGY_ASSESS_WORKING_DAYS));
    variables.put(MethodologyVariables.DECISION_DUE, current.duration(SchemeRule.METHODOLOGY_DECISION_WORKING_DAYS));
    engine.run(() -> runtimeService.startProcessInstanceById(processStarts.latestActive(PROCESS), String.valueOf(methodology.getId()),
        variables));
  }

  /** The bureau asks for an evaluation now (评估 on demand). */
  public void request(Long methodologyId) {
    try {
      engine.run(() -> runtimeService.createMessageCorrelation(MESSAGE_REQUESTED)
          .processInstanceBusinessKey(String.valueOf(methodologyId)).correlate());
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException("该方法学不在有效期内或正在评估中 (not effective, or being evaluated)");
    }
  }

  /**
   * Ends the evaluation cycle of a version replaced by a newer one: the waiting cycle receives the message; an
   * evaluation of the old version that is under way at that moment is ended too (its result would concern a version
   * no longer in force).
   */
  void supersede(Long methodologyId) {
    String key = String.valueOf(methodologyId);
    engine.run(() -> {
      runtimeService.createMessageCorrelation(MESSAGE_SUPERSEDED).processInstanceBusinessKey(key)
          .correlateAllWithResult();
      runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS).processInstanceBusinessKey(key)
          .list().forEach(running -> runtimeService.deleteProcessInstance(running.getId(),
              "方法学已由新版本替代，终止对旧版本的评估 (superseded by a new version)"));
    });
  }
}
