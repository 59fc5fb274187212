package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.decision.CaseDuties;
import cn.beijing.carboninclusion.decision.CaseOwner;
import cn.beijing.carboninclusion.decision.CaseRef;
import cn.beijing.carboninclusion.decision.ConflictDeclarations;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.springframework.stereotype.Component;

/**
 * Separation of duties and conflicts of interest on every reviewer task (a task offered to a group), asked by the
 * door ({@link cn.beijing.carboninclusion.decision.TaskDoor}) at every hand-over and ending, and by an assignment
 * listener for assignments the model makes itself:
 * <ul>
 *   <li>a reviewer who completed one stage of a case acts at no other stage of it (the technical reviewer never
 *       makes the bureau decision of the same case);</li>
 *   <li>no one acts on a case of a developer with whom they declared a conflict of interest;</li>
 *   <li>whoever requested an act (e.g. ordered a cancellation) does not confirm it.</li>
 * </ul>
 * A refusal is written to the audit trail (in its own transaction) and surfaces as an authorization failure, which
 * Tasklist and the REST API show as such (403). Tasks assigned directly to a developer are not reviewer tasks.
 */
@Component
public class SeparationOfDuties implements TaskListener, CaseDuties {
  private final CaseActors actors;
  private final ConflictDeclarations conflicts;
  private final AuditTrail auditTrail;
  private final Clock clock;
  private final List<CaseOwner> owners;
  private final org.springframework.beans.factory.ObjectProvider<SpotChecks> spotChecks;

  public SeparationOfDuties(CaseActors actors, ConflictDeclarations conflicts, AuditTrail auditTrail, Clock clock,
      List<CaseOwner> owners, org.springframework.beans.factory.ObjectProvider<SpotChecks> spotChecks) {
    this.owners = owners;
    this.spotChecks = spotChecks;
    this.actors = actors;
    this.conflicts = conflicts;
    this.auditTrail = auditTrail;
    this.clock = clock;
  }

  /** On assignment, whatever assigned the task (a client through the door, or the model itself). */
  @Override
  public void notify(DelegateTask task) {
    String refusal = refusalRecorded(task, task.getAssignee(), false);
    if (refusal != null) {
      throw new SeparationOfDutiesRefusal("不能办理该任务：" + refusal + " (separation of duties)");
    }
  }

  /** The door accepted the ending of a reviewer task: the reviewer has now acted at this stage of the case. */
  @Override
  public void acted(String taskId, String userId) {
    TaskEntity task = Context.getCommandContext().getTaskManager().findTaskById(taskId);
    if (task != null && userId != null && !task.getCandidates().isEmpty()) {
      actors.save(new CaseActor(task.getProcessInstanceId(), task.getTaskDefinitionKey(), userId, Instant.now(clock)));
    }
  }

  private String refusalRecorded(DelegateTask task, String user, boolean completing) {
    if (task.getCandidates().isEmpty() || user == null) {
      return null;
    }
    String refusal = refusal(task, user);
    if (refusal != null) {
      CaseRef caseRef = CaseRef.of(task);
      auditTrail.recordRefusal(caseRef == null ? "TASK" : caseRef.caseType(), caseRef == null ? -1L : caseRef.caseId(),
          completing ? "REFUSED_COMPLETE" : "REFUSED_CLAIM", user, task.getName() + "：" + refusal);
    }
    return refusal;
  }

  /** For {@link cn.beijing.carboninclusion.decision.TaskDoor}: hand-overs and endings outside the task listeners. */
  @Override
  public String refusal(String taskId, String userId, boolean completing) {
    TaskEntity task = Context.getCommandContext().getTaskManager().findTaskById(taskId);
    return task == null ? null : refusalRecorded(task, userId, completing);
  }

  private String refusal(DelegateTask task, String user) {
    if (actors.existsByProcessInstanceIdAndUserIdAndStageNot(task.getProcessInstanceId(), user,
        task.getTaskDefinitionKey())) {
      return "您已办理本案的其他环节，同一人员不得办理同一案件的两个环节";
    }
    Optional<Long> developer = developerOf(CaseRef.of(task));
    if (developer.isPresent() && conflicts.existsByUserIdAndDeveloperId(user, developer.get())) {
      return "您已申报与该项目开发方存在利益冲突";
    }
    if (SpotChecks.INSPECT_TASK.equals(task.getTaskDefinitionKey())
        && task.getVariable("spotCheckItemId") instanceof Number item) {
      String refusal = spotChecks.getObject().inspectionRefusal(item.longValue(), user);
      if (refusal != null) {
        return refusal;
      }
    }
    if (user.equals(task.getVariable("requestedBy"))) {
      return "提出人不得自行确认本人提出的事项";
    }
    return null;
  }

  /** The case's developer from its owner's rows (a reduction application is its project's), never a variable. */
  private Optional<Long> developerOf(CaseRef caseRef) {
    if (caseRef == null) {
      return Optional.empty();
    }
    return owners.stream().filter(owner -> owner.caseType().equals(caseRef.caseType())).findFirst()
        .flatMap(owner -> owner.developerOf(caseRef.caseId()));
  }
}
