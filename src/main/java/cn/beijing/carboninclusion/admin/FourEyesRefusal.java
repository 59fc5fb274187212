package cn.beijing.carboninclusion.admin;

import cn.beijing.carboninclusion.common.TaskListenerRefusal;
import org.camunda.bpm.engine.AuthorizationException;

/** A change decided by the person who deployed it: an authorization failure (403 in the REST APIs). */
class FourEyesRefusal extends AuthorizationException implements TaskListenerRefusal {
  FourEyesRefusal(String message) {
    super(message);
  }
}
