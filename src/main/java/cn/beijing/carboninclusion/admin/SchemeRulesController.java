package cn.beijing.carboninclusion.admin;

import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.common.SchemeRuleSet;
import cn.beijing.carboninclusion.common.SchemeRulesDecision;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The scheme rules in force: every rule of the latest deployed {@code SchemeRules} decision with its value and
 * description, and which version that is (docs/admin-rules.md). Administrators, the bureau and the technical center
 * may read them; changing them is a deployment of scheme-rules.dmn (Camunda Modeler), not a call here.
 */
@RestController
@RequestMapping("/api/admin/scheme-rules")
@PreAuthorize("hasAnyAuthority('GROUP_camunda-admin', 'GROUP_bureau', 'GROUP_techcenter')")
@Tag(name = "规则参数 scheme rules (admin)")
class SchemeRulesController {
  private final SchemeRuleBook rules;

  SchemeRulesController(SchemeRuleBook rules) {
    this.rules = rules;
  }

  /** One rule as shown: {@code problem} is set (and {@code value} raw or null) when the row cannot be used. */
  record Rule(String key, String value, String description, String kind, String expected, String problem) {}

  record SchemeRules(String decisionKey, String decisionDefinitionId, int version, String deploymentId,
      String deploymentName, Instant deploymentTime, List<Rule> rules) {}

  @Operation(summary = "当前生效的规则参数（最新部署的 SchemeRules 决策版本）")
  @GetMapping
  SchemeRules current() {
    SchemeRuleSet current = rules.current();
    return new SchemeRules(SchemeRulesDecision.KEY, current.definitionId(), current.version(),
        current.deploymentId(), current.deploymentName(), current.deploymentTime(),
        current.list().stream().map(e -> new Rule(e.rule().key(), e.raw(), e.description(), e.rule().kind().name(),
            e.rule().kind().expected(), e.problem())).toList());
  }
}
