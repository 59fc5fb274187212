package cn.beijing.carboninclusion.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.SchemeRulesXml;
import java.util.Map;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.exception.NotValidException;
import org.camunda.bpm.engine.repository.Deployment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A SchemeRules table the platform could not read is refused at deploy time, naming the rule: a missing row, a
 * value that does not parse, a value out of range, two rows for one rule. The latest version stays in force.
 */
class SchemeRulesDeploymentCheckTest extends PlatformIntegrationTest {
  static final String TEST_DEPLOYMENT = "scheme-rules-check-test";

  @Autowired RepositoryService repositoryService;
  @Autowired SchemeRuleBook ruleBook;

  @AfterEach
  void removeTestDeployments() {
    repositoryService.createDeploymentQuery().deploymentName(TEST_DEPLOYMENT).list()
        .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
  }

  @Test
  void aTableWithoutARequiredRuleIsRefusedNamingTheRule() {
    assertRefused(SchemeRulesXml.withoutRule(SchemeRulesXml.shipped(), "publicityWorkingDays"),
        "publicityWorkingDays", "没有该规则的行");
  }

  @Test
  void aValueThatDoesNotParseIsRefusedNamingTheRule() {
    assertRefused(SchemeRulesXml.withValues(SchemeRulesXml.shipped(), Map.of("technicalReviewWorkingDays", "二十")),
        "technicalReviewWorkingDays", "二十");
    assertRefused(SchemeRulesXml.withValues(SchemeRulesXml.shipped(), Map.of("evaluationCycle", "一年")),
        "evaluationCycle", "ISO 8601");
  }

  @Test
  void aValueOutOfRangeIsRefusedNamingTheRule() {
    assertRefused(SchemeRulesXml.withValues(SchemeRulesXml.shipped(), Map.of("etsOffsetMaxShare", "5")),
        "etsOffsetMaxShare", "0 至 1");
    assertRefused(SchemeRulesXml.withValues(SchemeRulesXml.shipped(), Map.of("maxSupplementRounds", "0")),
        "maxSupplementRounds");
  }

  @Test
  void twoRowsForOneRuleAreRefused() {
    String shipped = SchemeRulesXml.shipped();
    String duplicated = shipped.replace("<text>\"supplementWorkingDays\"</text>", "<text>\"publicityWorkingDays\"</text>");
    assertRefused(duplicated, "publicityWorkingDays", "supplementWorkingDays");
  }

  @Test
  void aSoundTableDeploysAndBecomesTheRulesInForce() {
    int before = ruleBook.current().version();
    Deployment deployment = repositoryService.createDeployment().name(TEST_DEPLOYMENT)
        .addString("scheme-rules.dmn", SchemeRulesXml.withValues(SchemeRulesXml.shipped(),
            Map.of("maxCreditingYears", "8"))).deploy();
    assertThat(ruleBook.current().version()).isEqualTo(before + 1);
    assertThat(ruleBook.current().deploymentId()).isEqualTo(deployment.getId());
  }

  private void assertRefused(String xml, String... named) {
    int version = ruleBook.current().version();
    long deployments = repositoryService.createDeploymentQuery().count();
    assertThatThrownBy(() -> repositoryService.createDeployment().name(TEST_DEPLOYMENT)
        .addString("scheme-rules.dmn", xml).deploy())
        .isInstanceOf(NotValidException.class).hasMessageContaining("部署被拒绝").hasMessageContainingAll(named);
    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(ruleBook.current().version()).isEqualTo(version);
  }
}
