package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.decision.ConflictDeclarations;
import cn.beijing.carboninclusion.identity.Groups;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

/**
 * 抽取评审专家: draws the review panel at random from group {@code expert}, leaving out experts who declared a
 * conflict of interest with the proposing developer organisation. With fewer eligible experts than the configured
 * panel size, all of them sit (and the shortfall is recorded); with none, the step fails as an incident for an
 * administrator to resolve.
 */
@Component("expertPanelDraw")
class ExpertPanelDraw implements JavaDelegate {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final IdentityService identityService;
  private final ConflictDeclarations conflicts;
  private final MethodologyLifecycle lifecycle;
  private final SchemeRuleBook rules;

  ExpertPanelDraw(IdentityService identityService, ConflictDeclarations conflicts, MethodologyLifecycle lifecycle,
      SchemeRuleBook rules) {
    this.identityService = identityService;
    this.conflicts = conflicts;
    this.lifecycle = lifecycle;
    this.rules = rules;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Long methodologyId = MethodologyVariables.methodologyId(execution);
    Long developerId = lifecycle.get(methodologyId).getProposerDeveloperId();
    List<String> eligible = new ArrayList<>(identityService.createUserQuery().memberOfGroup(Groups.EXPERT).list()
        .stream().map(User::getId)
        .filter(expert -> developerId == null || !conflicts.existsByUserIdAndDeveloperId(expert, developerId))
        .toList());
    if (eligible.isEmpty()) {
      throw new IllegalStateException("专家库中没有可抽取的专家（无利益冲突）: add members to group 'expert'");
    }
    Collections.shuffle(eligible, RANDOM);
    int size = rules.count(SchemeRule.EXPERT_PANEL_SIZE);
    List<String> panel = new ArrayList<>(eligible.subList(0, Math.min(size, eligible.size())));
    Collections.sort(panel);
    execution.setVariable(MethodologyVariables.EXPERT_PANEL, panel);
    execution.setVariable(MethodologyVariables.EXPERT_SUMMARY, "");
    lifecycle.note(methodologyId, "EXPERT_PANEL_DRAWN", "抽取评审专家 " + panel.size() + " 名"
        + (panel.size() < size ? "（可抽取专家不足 " + size + " 名）" : ""));
  }
}
