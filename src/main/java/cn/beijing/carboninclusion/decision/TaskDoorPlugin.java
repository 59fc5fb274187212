package cn.beijing.carboninclusion.decision;

import cn.beijing.carboninclusion.common.EngineCommandFields;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.impl.ConditionEvaluationBuilderImpl;
import org.camunda.bpm.engine.impl.MessageCorrelationBuilderImpl;
import org.camunda.bpm.engine.impl.ModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstanceModificationBuilderImpl;
import org.camunda.bpm.engine.impl.ProcessInstantiationBuilderImpl;
import org.camunda.bpm.engine.impl.SignalEventReceivedBuilderImpl;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AbstractInstantiationCmd;
import org.camunda.bpm.engine.impl.cmd.AbstractProcessInstanceModificationCommand;
import org.camunda.bpm.engine.impl.cmd.AddGroupIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AddUserIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.AssignTaskCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateAllMessageCmd;
import org.camunda.bpm.engine.impl.cmd.CorrelateMessageCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteProcessInstancesCmd;
import org.camunda.bpm.engine.impl.cmd.EvaluateStartConditionCmd;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskBpmnErrorCmd;
import org.camunda.bpm.engine.impl.cmd.HandleTaskEscalationCmd;
import org.camunda.bpm.engine.impl.cmd.MessageEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceAsyncCmd;
import org.camunda.bpm.engine.impl.cmd.ModifyProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.PatchExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationBatchCmd;
import org.camunda.bpm.engine.impl.cmd.ProcessInstanceModificationCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.ResolveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetExecutionVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskOwnerCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SignalCmd;
import org.camunda.bpm.engine.impl.cmd.SignalEventReceivedCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceAtActivitiesCmd;
import org.camunda.bpm.engine.impl.cmd.StartProcessInstanceCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.cmd.batch.variables.SetVariablesToProcessInstancesBatchCmd;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.migration.AbstractMigrationCmd;
import org.camunda.bpm.engine.impl.migration.MigrationPlanExecutionBuilderImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Puts {@link TaskDoor} in front of the engine: a command interceptor, inside the command's transaction, that no
 * model can drop. It reads what each command carries (the engine keeps it in the commands' fields; the engine line is
 * fixed at 7.24, and {@code TaskDoorTest} fails if a field moves) and asks the door before the engine runs it.
 * Task endings, task variable writes and hand-overs are checked on every call, the platform's own included; writes from
 * outside a task and administrators' interventions only on the outermost call of an authenticated client (work the
 * engine does inside a command — a delegate correlating a message, the job executor — is the platform's own).
 */
@Component
class TaskDoorPlugin extends AbstractProcessEnginePlugin {
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);
  private final ObjectProvider<TaskDoor> door;

  TaskDoorPlugin(ObjectProvider<TaskDoor> door) {
    this.door = door;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostCommandInterceptorsTxRequired() == null) {
      configuration.setCustomPostCommandInterceptorsTxRequired(new ArrayList<>());
    }
    configuration.getCustomPostCommandInterceptorsTxRequired().add(new CommandInterceptor() {
      @Override
      public <T> T execute(Command<T> command) {
        int[] depth = DEPTH.get();
        boolean outermost = depth[0] == 0;
        depth[0]++;
        try {
          inspect(command, outermost);
          return next.execute(command);
        } finally {
          depth[0]--;
        }
      }
    });
  }

  @SuppressWarnings("unchecked")
  void inspect(Command<?> command, boolean outermost) {
    TaskDoor door = this.door.getObject();
    if (command instanceof ResolveTaskCmd resolve) {
      door.resolve(field(resolve, "taskId"), field(resolve, "variables"));
    } else if (command instanceof CompleteTaskCmd complete) {
      door.end(field(complete, "taskId"), field(complete, "variables"), TaskDoor.Route.COMPLETE, null);
    } else if (command instanceof SubmitTaskFormCmd submit) {
      door.end(field(submit, "taskId"), field(submit, "properties"), TaskDoor.Route.SUBMIT_FORM, null);
    } else if (command instanceof HandleTaskBpmnErrorCmd error) {
      door.end(field(error, "taskId"), field(error, "variables"), TaskDoor.Route.BPMN_ERROR, field(error, "errorCode"));
    } else if (command instanceof HandleTaskEscalationCmd escalation) {
      door.end(field(escalation, "taskId"), field(escalation, "variables"), TaskDoor.Route.ESCALATION,
          field(escalation, "escalationCode"));
    } else if (command instanceof SetTaskVariablesCmd set) {
      door.writeThroughTask(field(set, "entityId"), field(set, "variables"), null);
    } else if (command instanceof RemoveTaskVariablesCmd remove) {
      door.writeThroughTask(field(remove, "entityId"), null, field(remove, "variableNames"));
    } else if (command instanceof PatchTaskVariablesCmd patch) {
      door.writeThroughTask(field(patch, "entityId"), field(patch, "variables"), field(patch, "deletions"));
    } else if (command instanceof ClaimTaskCmd claim) {
      door.handOver(field(claim, "taskId"), field(claim, "userId"), "claim");
    } else if (command instanceof DelegateTaskCmd delegate) {
      door.handOver(field(delegate, "taskId"), field(delegate, "userId"), "delegate");
    } else if (command instanceof AssignTaskCmd assign) {
      door.handOver(field(assign, "taskId"), field(assign, "userId"), "assignee");
    } else if (command instanceof SetTaskOwnerCmd owner) {
      door.handOver(field(owner, "taskId"), field(owner, "userId"), "owner");
    } else if (command instanceof AddUserIdentityLinkCmd link) {
      door.handOver(field(link, "taskId"), field(link, "userId"), String.valueOf((Object) field(link, "type")));
    } else if (command instanceof AddGroupIdentityLinkCmd link) {
      door.addGroup(field(link, "taskId"), field(link, "groupId"), field(link, "type"));
    } else if (command instanceof SaveTaskCmd save) {
      door.save((TaskEntity) field(save, "task"));
    } else if (outermost && Context.getCommandContext() != null
        && Context.getCommandContext().getAuthenticatedUserId() != null) {
      inspectClientCommand(door, command);
    }
  }

  @SuppressWarnings("unchecked")
  private void inspectClientCommand(TaskDoor door, Command<?> command) {
    if (command instanceof SetExecutionVariablesCmd set) {
      Map<String, ?> variables = field(set, "variables");
      door.writeOutsideTask(variables == null ? Set.of() : variables.keySet(), "变量接口");
      door.intervention("写入流程变量 " + (variables == null ? "" : variables.keySet()), instanceOf(field(set, "entityId")),
          null);
    } else if (command instanceof RemoveExecutionVariablesCmd remove) {
      Collection<String> names = field(remove, "variableNames");
      door.writeOutsideTask(names, "变量接口");
      door.intervention("删除流程变量 " + names, instanceOf(field(remove, "entityId")), null);
    } else if (command instanceof PatchExecutionVariablesCmd patch) {
      Set<String> names = new HashSet<>();
      Map<String, ?> variables = field(patch, "variables");
      Collection<String> deletions = field(patch, "deletions");
      if (variables != null) {
        names.addAll(variables.keySet());
      }
      if (deletions != null) {
        names.addAll(deletions);
      }
      door.writeOutsideTask(names, "变量接口");
      door.intervention("修改流程变量 " + names, instanceOf(field(patch, "entityId")), null);
    } else if (command instanceof SetVariablesToProcessInstancesBatchCmd batch) {
      Map<String, ?> variables = field(batch, "variables");
      door.writeOutsideTask(variables == null ? Set.of() : variables.keySet(), "批量变量接口");
      door.intervention("批量写入流程变量 " + (variables == null ? "" : variables.keySet()), List.of(), null);
    } else if (command instanceof ModifyProcessInstanceCmd || command instanceof ModifyProcessInstanceAsyncCmd) {
      ProcessInstanceModificationBuilderImpl builder = field(command, "builder");
      door.writeOutsideTask(modificationVariables(builder.getModificationOperations(), builder.getProcessVariables()),
          "流程实例修改");
      door.intervention("流程实例修改 " + describe(builder.getModificationOperations()),
          List.of(builder.getProcessInstanceId()), builder.getAnnotation());
    } else if (command instanceof ProcessInstanceModificationCmd || command instanceof ProcessInstanceModificationBatchCmd) {
      ModificationBuilderImpl builder = field(command, "builder");
      door.writeOutsideTask(modificationVariables(builder.getInstructions(), null), "批量流程实例修改");
      door.intervention("批量流程实例修改 " + describe(builder.getInstructions()),
          builder.getProcessInstanceIds() == null ? List.of() : builder.getProcessInstanceIds(), builder.getAnnotation());
    } else if (command instanceof StartProcessInstanceCmd || command instanceof StartProcessInstanceAtActivitiesCmd) {
      ProcessInstantiationBuilderImpl builder = field(command, "instantiationBuilder");
      Set<String> names = new HashSet<>();
      if (builder.getVariables() != null) {
        names.addAll(builder.getVariables().keySet());
      }
      if (builder.getModificationBuilder() != null) {
        names.addAll(modificationVariables(builder.getModificationBuilder().getModificationOperations(),
            builder.getModificationBuilder().getProcessVariables()));
      }
      door.writeOutsideTask(names, "流程启动接口");
    } else if (command instanceof CorrelateMessageCmd || command instanceof CorrelateAllMessageCmd) {
      MessageCorrelationBuilderImpl builder = field(command, "builder");
      Set<String> names = new HashSet<>();
      addKeys(names, builder.getPayloadProcessInstanceVariables());
      addKeys(names, builder.getPayloadProcessInstanceVariablesLocal());
      addKeys(names, builder.getPayloadProcessInstanceVariablesToTriggeredScope());
      door.writeOutsideTask(names, "消息关联");
    } else if (command instanceof MessageEventReceivedCmd received) {
      Set<String> names = new HashSet<>();
      addKeys(names, field(received, "processVariables"));
      addKeys(names, field(received, "processVariablesLocal"));
      addKeys(names, field(received, "processVariablesToTriggeredScope"));
      door.writeOutsideTask(names, "消息事件");
    } else if (command instanceof SignalEventReceivedCmd signal) {
      SignalEventReceivedBuilderImpl builder = field(signal, "builder");
      Set<String> names = new HashSet<>();
      addKeys(names, builder.getVariables());
      door.writeOutsideTask(names, "信号");
    } else if (command instanceof SignalCmd signal) {
      Set<String> names = new HashSet<>();
      addKeys(names, field(signal, "processVariables"));
      door.writeOutsideTask(names, "信号");
    } else if (command instanceof AbstractMigrationCmd migration) {
      MigrationPlanExecutionBuilderImpl builder = field(migration, "executionBuilder");
      MigrationPlan plan = field(builder, "migrationPlan");
      Set<String> names = new HashSet<>();
      addKeys(names, plan.getVariables());
      door.writeOutsideTask(names, "流程迁移");
      door.intervention("流程迁移至 " + plan.getTargetProcessDefinitionId(),
          builder.getProcessInstanceIds() == null ? List.of() : builder.getProcessInstanceIds(), null);
    } else if (command instanceof EvaluateStartConditionCmd condition) {
      ConditionEvaluationBuilderImpl builder = field(condition, "builder");
      Set<String> names = new HashSet<>();
      addKeys(names, builder.getVariables());
      door.writeOutsideTask(names, "条件启动");
      if (Context.getCommandContext().getEventSubscriptionManager().findConditionalStartEventSubscription().isEmpty()) {
        throw DecisionRefused.of("variables", "没有以条件启动事件开始的流程 (no process starts on a condition)");
      }
    } else if (command instanceof ExecuteJobsCmd execute) {
      String jobId = field(execute, "jobId");
      JobEntity job = Context.getCommandContext().getJobManager().findJobById(jobId);
      door.intervention("手动执行作业 " + (job == null ? jobId : job.getActivityId() + " (" + job.getJobHandlerType() + ")"),
          job == null || job.getProcessInstanceId() == null ? List.of() : List.of(job.getProcessInstanceId()), null);
    } else if (command instanceof DeleteProcessInstanceCmd delete) {
      door.intervention("删除流程实例", List.of((String) field(delete, "processInstanceId")), field(delete, "deleteReason"));
    } else if (command instanceof DeleteProcessInstancesCmd delete) {
      List<String> ids = field(delete, "processInstanceIds");
      door.intervention("删除流程实例", ids == null ? List.of() : ids, field(delete, "deleteReason"));
    }
  }

  private static List<String> instanceOf(String executionId) {
    ExecutionEntity execution = executionId == null ? null
        : Context.getCommandContext().getExecutionManager().findExecutionById(executionId);
    return execution == null ? List.of() : List.of(execution.getProcessInstanceId());
  }

  private static Set<String> modificationVariables(List<AbstractProcessInstanceModificationCommand> operations,
      Map<String, Object> processVariables) {
    Set<String> names = new HashSet<>();
    addKeys(names, processVariables);
    if (operations != null) {
      for (AbstractProcessInstanceModificationCommand operation : operations) {
        if (operation instanceof AbstractInstantiationCmd instantiation) {
          addKeys(names, instantiation.getVariables());
          addKeys(names, instantiation.getVariablesLocal());
        }
      }
    }
    return names;
  }

  private static String describe(List<AbstractProcessInstanceModificationCommand> operations) {
    return operations == null ? "[]" : operations.stream().map(o -> o.getClass().getSimpleName().replace("Cmd", ""))
        .toList().toString();
  }

  private static void addKeys(Set<String> names, Map<String, ?> variables) {
    if (variables != null) {
      names.addAll(variables.keySet());
    }
  }

  /** A field the engine keeps in a command (or a builder), found up the class hierarchy. */

  static <T> T field(Object target, String name) {
    return EngineCommandFields.get(target, name);
  }

}
