package cn.beijing.carboninclusion.identity;

import java.util.List;
import org.camunda.bpm.engine.identity.PasswordPolicyRule;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyLengthRuleImpl;
import org.camunda.bpm.engine.impl.identity.PasswordPolicyUserDataRuleImpl;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/** The platform's password rules for a password given in configuration (no history to compare with). */
public final class PasswordCheck {
  private PasswordCheck() {
  }

  /** The rules the password breaks, in the words of a refusal; empty when it meets them. */
  public static List<String> broken(String password, String userId) {
    UserEntity user = new UserEntity(userId);
    List<PasswordPolicyRule> rules = List.of(new PasswordPolicyLengthRuleImpl(PasswordRules.MIN_LENGTH),
        new PasswordRules.ClassesRule(), new PasswordPolicyUserDataRuleImpl());
    return rules.stream().filter(rule -> password == null || !rule.execute(password, user))
        .map(PasswordRules::describe).toList();
  }
}
