package cn.beijing.carboninclusion.common;

import java.time.Instant;

/**
 * Whether a deployment is in force at a moment (issue 20, item 1): a deployment from Camunda Modeler or the REST API
 * is a proposal until a second person approves it, and applies from the effective date the approval names. A
 * deployment the platform made itself (at start-up) or made before the four-eyes rule is in force. A port: the
 * {@code admin} capability keeps the proposals; {@link SchemeRuleBook} asks it before reading a rule table.
 */
public interface ModelChangeGate {
  /** Whether the deployment's definitions apply at {@code moment}. */
  boolean inForce(String deploymentId, Instant moment);
}
