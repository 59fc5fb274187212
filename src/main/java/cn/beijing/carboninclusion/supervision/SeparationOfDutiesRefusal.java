package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.TaskListenerRefusal;
import org.camunda.bpm.engine.AuthorizationException;

/** A claim or completion refused by {@link SeparationOfDuties}: an authorization failure (403 in the REST APIs). */
public class SeparationOfDutiesRefusal extends AuthorizationException implements TaskListenerRefusal {
  public SeparationOfDutiesRefusal(String message) {
    super(message);
  }
}
