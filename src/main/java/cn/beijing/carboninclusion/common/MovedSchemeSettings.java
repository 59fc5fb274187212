package cn.beijing.carboninclusion.common;

import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Stops the start when a setting that moved to scheme-rules.dmn is still configured as a Spring property (in an
 * {@code application.yml} next to the jar, an argument or an environment variable): it would no longer have any
 * effect, and a regulator's value silently ignored is worse than a start that names it (docs/operations.md).
 */
@Component
class MovedSchemeSettings {

  MovedSchemeSettings(Environment environment) {
    List<String> stale = stale(environment);
    if (!stale.isEmpty()) {
      throw new IllegalStateException("以下配置项已迁移到规则参数决策 processes/scheme-rules.dmn（docs/admin-rules.md），"
          + "不再生效，请删除并在决策表中修改对应规则 (settings moved to scheme-rules.dmn): " + String.join("; ", stale));
    }
  }

  /** Each moved property still set, with the rule key it moved to. */
  static List<String> stale(Environment environment) {
    Binder binder = Binder.get(environment);
    return java.util.Arrays.stream(SchemeRule.values())
        .filter(rule -> rule.movedFrom() != null && binder.bind(rule.movedFrom(), String.class).isBound())
        .map(rule -> rule.movedFrom() + " → " + rule.key())
        .toList();
  }
}
