package cn.beijing.carboninclusion.common;

import org.camunda.bpm.engine.BadUserRequestException;

/** What a reviewer entered in a task form does not hold together; the task stays open (400). */
public class TaskInputRejected extends BadUserRequestException implements TaskListenerRefusal {
  public TaskInputRejected(String message) {
    super(message);
  }
}
