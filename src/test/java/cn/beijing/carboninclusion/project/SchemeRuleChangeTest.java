package cn.beijing.carboninclusion.project;

import static cn.beijing.carboninclusion.project.ProjectCases.TECHNICAL_REVIEWER;
import static cn.beijing.carboninclusion.project.ProjectCases.aCompleteApplication;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.withVariables;

import cn.beijing.carboninclusion.calendar.WorkingDayCalendar;
import cn.beijing.carboninclusion.common.CaseCheck;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.common.SchemeRuleSet;
import cn.beijing.carboninclusion.registry.RevenueReturnMonitor;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.SchemeRulesXml;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * Scheme rules change through a new version of scheme-rules.dmn, without a restart: a case started after the
 * deployment gets the new publicity length and revenue minimum, a step that starts after it reads the new value, and
 * redeploying the previous table restores the previous behaviour. The test deployments are deleted afterwards, so
 * the other tests (same database, same context) see the shipped table again.
 */
class SchemeRuleChangeTest extends PlatformIntegrationTest {
  static final String TEST_DEPLOYMENT = "scheme-rules-change-test";

  @Autowired ApplicationContext context;
  @Autowired ProcessEngine processEngine;
  @Autowired RepositoryService repositoryService;
  @Autowired SchemeRuleBook ruleBook;
  @Autowired WorkingDayCalendar workingDays;
  @Autowired TestRestTemplate http;
  @Autowired RevenueReturnMonitor revenueReturns;

  private ProjectCases cases;
  private LocalDate today;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    ClockUtil.setCurrentTime(Date.from(now));
    today = LocalDate.ofInstant(now, workingDays.zone());
  }

  @AfterEach
  void tearDown() {
    try {
      cases.cleanUp();
    } finally {
      ClockUtil.reset();
      repositoryService.createDeploymentQuery().deploymentName(TEST_DEPLOYMENT).list()
          .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
    }
  }

  @Test
  void theShippedTableIsReadWithEveryRule() {
    SchemeRuleSet shipped = ruleBook.current();
    assertThat(shipped.list()).hasSize(SchemeRule.values().length).allSatisfy(e -> {
      assertThat(e.problem()).as(e.rule().key()).isNull();
      assertThat(e.description()).as(e.rule().key()).isNotBlank();
    });
    assertThat(ruleBook.days(SchemeRule.PUBLICITY_WORKING_DAYS)).isEqualTo(20);
    assertThat(ruleBook.duration(SchemeRule.TECHNICAL_REVIEW_WORKING_DAYS)).isEqualTo("P20WD");
    assertThat(ruleBook.share(SchemeRule.REVENUE_RETURN_MIN)).isEqualByComparingTo("0.90");
    assertThat(ruleBook.share(SchemeRule.ETS_OFFSET_MAX_SHARE)).isEqualByComparingTo("0.05");
    assertThat(ruleBook.count(SchemeRule.MAX_SUPPLEMENT_ROUNDS)).isEqualTo(3);
    assertThat(ruleBook.count(SchemeRule.APPLICATION_LOOK_BACK_YEARS)).isEqualTo(5);
    assertThat(ruleBook.period(SchemeRule.EVALUATION_CYCLE)).isEqualTo(Period.ofYears(1));
  }

  @Test
  void aNewVersionAppliesToNewCasesAtOnceAndRedeployingThePreviousOneRestoresIt() {
    String shipped = SchemeRulesXml.shipped();
    int shippedVersion = ruleBook.current().version();

    // shipped: 20 working days of publicity, 90 % to return — an application returning 93 % passes
    Project before = cases.file(aCompleteApplication().returning("0.93"));
    assertThat(revenueCheckOf(before).getOutcome()).isEqualTo(CaseCheck.Outcome.PASSED);
    assertThat(publicityEndOf(before)).isEqualTo(workingDays.addWorkingDays(today, 20));

    // the bureau shortens publicity to 10 working days and raises the minimum to 95 %
    Deployment changed = deploy(SchemeRulesXml.withValues(shipped, Map.of("publicityWorkingDays", "10", "revenueReturnMin", "0.95")));
    assertThat(ruleBook.current().version()).isEqualTo(shippedVersion + 1);

    Project low = cases.file(aCompleteApplication().returning("0.93"));
    CaseCheck refused = revenueCheckOf(low);
    assertThat(refused.getOutcome()).isEqualTo(CaseCheck.Outcome.FAILED);
    assertThat(refused.getDetail()).contains("93%", "95%");
    assertThat(cases.registrationOf(low)).isWaitingAt("Task_RejectApplication");

    Project shorter = cases.file(aCompleteApplication().returning("0.96"));
    assertThat(cases.registrationOf(shorter)).variables().containsEntry("publicityDuration", "P10WD");
    assertThat(publicityEndOf(shorter)).isEqualTo(workingDays.addWorkingDays(today, 10));

    JsonNode shown = schemeRules("zhangwei");
    assertThat(shown.get("version").asInt()).isEqualTo(shippedVersion + 1);
    assertThat(shown.get("deploymentId").asText()).isEqualTo(changed.getId());
    assertThat(shown.get("deploymentTime").asText()).isNotBlank();
    assertThat(rule(shown, "publicityWorkingDays").get("value").asText()).isEqualTo("10");
    assertThat(rule(shown, "publicityWorkingDays").get("description").asText()).contains("公示期");
    assertThat(rule(shown, "revenueReturnMin").get("value").asText()).isEqualTo("0.95");

    // a case filed under the new version whose publicity starts after the revert reads the value then in force
    Project filedUnderTen = cases.file(aCompleteApplication().returning("0.96"));

    // reverting: the previous table deployed again becomes the latest version
    Deployment reverted = deploy(shipped);
    assertThat(ruleBook.current().version()).isEqualTo(shippedVersion + 2);

    Project after = cases.file(aCompleteApplication().returning("0.93"));
    assertThat(revenueCheckOf(after).getOutcome()).isEqualTo(CaseCheck.Outcome.PASSED);
    assertThat(publicityEndOf(after)).isEqualTo(workingDays.addWorkingDays(today, 20));
    assertThat(publicityEndOf(filedUnderTen)).isEqualTo(workingDays.addWorkingDays(today, 20));

    JsonNode restored = schemeRules("admin");
    assertThat(restored.get("version").asInt()).isEqualTo(shippedVersion + 2);
    assertThat(restored.get("deploymentId").asText()).isEqualTo(reverted.getId());
    assertThat(rule(restored, "publicityWorkingDays").get("value").asText()).isEqualTo("20");
    assertThat(rule(restored, "revenueReturnMin").get("value").asText()).isEqualTo("0.90");
  }

  @Test
  void theRulesInForceAreShownToAdministratorsTheBureauAndTheTechnicalCenterOnly() {
    JsonNode shown = schemeRules("wangfang");
    assertThat(shown.get("decisionKey").asText()).isEqualTo("SchemeRules");
    assertThat(shown.get("rules")).hasSize(SchemeRule.values().length);
    assertThat(rule(shown, "etsOffsetMaxShare").get("value").asText()).isEqualTo("0.05");
    assertThat(rule(shown, "evaluationCycle").get("value").asText()).isEqualTo("P1Y");
    assertThat(http.withBasicAuth("greentravel", "demo").getForEntity("/api/admin/scheme-rules", JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity("/api/admin/scheme-rules", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
  }

  @Test
  void aNewVersionReadFirstInsideAReadOnlyTransactionApplies() {
    deploy(SchemeRulesXml.withValues(SchemeRulesXml.shipped(), Map.of("revenueReturnMin", "0.85")));
    // RevenueReturnMonitor.flags() runs in a read-only transaction and is the first to read the new version here
    assertThat(revenueReturns.flags().minimum()).isEqualByComparingTo("0.85");
    assertThat(ruleBook.share(SchemeRule.REVENUE_RETURN_MIN)).isEqualByComparingTo("0.85");
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  /** Walks a filed application through review into publicity and returns the end of its publicity. */
  private LocalDate publicityEndOf(Project project) {
    ProcessInstance pi = cases.registrationOf(project);
    execute(job("Task_StartReview", pi));
    cases.completeAs(TECHNICAL_REVIEWER, task("Task_TechnicalReview", pi),
        withVariables("reviewDecision", "APPROVE", "reviewComment", "技术评估通过"));
    execute(job("Task_StartPublicity", pi));
    assertThat(pi).isWaitingAt("Timer_PublicityEnds");
    Project inPublicity = cases.current(project);
    assertThat(inPublicity.getStatus()).isEqualTo(ProjectStatus.IN_PUBLICITY);
    assertThat(inPublicity.getPublicityStart()).isEqualTo(today);
    return inPublicity.getPublicityEnd();
  }

  private CaseCheck revenueCheckOf(Project project) {
    return cases.checksOf(project).stream().filter(c -> c.getCheckName().equals(ProjectRules.REVENUE)).findFirst()
        .orElseThrow();
  }

  private Deployment deploy(String xml) {
    return repositoryService.createDeployment().name(TEST_DEPLOYMENT).addString("scheme-rules.dmn", xml).deploy();
  }

  private JsonNode schemeRules(String user) {
    ResponseEntity<JsonNode> response = http.withBasicAuth(user, "demo")
        .getForEntity("/api/admin/scheme-rules", JsonNode.class);
    assertThat(response.getStatusCode()).as(user).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  private static JsonNode rule(JsonNode shown, String key) {
    for (JsonNode rule : shown.get("rules")) {
      if (rule.get("key").asText().equals(key)) {
        return rule;
      }
    }
    throw new AssertionError("no rule " + key + " in " + shown);
  }
}
