package cn.beijing.carboninclusion.supervision;

import java.util.ArrayList;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Attaches {@link SeparationOfDuties} and {@link TaskCompletionAudit} to every user task of every model at parse time (built-in listeners: they
 * run for every deployment path, and no model can forget or remove them).
 */
@Component
class SeparationOfDutiesPlugin extends AbstractProcessEnginePlugin {
  private final ObjectProvider<SeparationOfDuties> listener;
  private final ObjectProvider<TaskCompletionAudit> audit;

  SeparationOfDutiesPlugin(ObjectProvider<SeparationOfDuties> listener, ObjectProvider<TaskCompletionAudit> audit) {
    this.listener = listener;
    this.audit = audit;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    if (configuration.getCustomPostBPMNParseListeners() == null) {
      configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
    }
    TaskListener lazy = task -> listener.getObject().notify(task);
    TaskListener audited = task -> audit.getObject().notify(task);
    configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {
      @Override
      public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
        TaskDefinition definition = ((UserTaskActivityBehavior) activity.getActivityBehavior()).getTaskDefinition();
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_ASSIGNMENT, lazy);
        definition.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, audited);
      }
    });
  }
}
