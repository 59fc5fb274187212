package cn.beijing.carboninclusion.project;

import static cn.beijing.carboninclusion.project.ProjectCases.aCompleteApplication;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.common.CaseCheck;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.supervision.Bar;
import cn.beijing.carboninclusion.supervision.Bars;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.time.LocalDate;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * 核查开发方资格 reads the bars (禁入) too: a bar that lands while an application is being filed fails the check, as
 * the process would run it, and a lifted bar no longer does.
 */
class DeveloperStandingBarTest extends PlatformIntegrationTest {
  @Autowired ApplicationContext context;
  @Autowired ProcessEngine processEngine;
  @Autowired DeveloperStandingCheck standingCheck;
  @Autowired Bars bars;
  @Autowired PlatformTransactionManager transactionManager;

  private ProjectCases cases;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    cases = new ProjectCases(context);
  }

  @AfterEach
  void tearDown() {
    cases.cleanUp();
  }

  @Test
  void aBarInForceFailsTheDeveloperCheckAndALiftedOneDoesNot() {
    String account = cases.aDeveloperAccount("standing", "Standing-passw0rd");
    Project project = cases.fileAs(account, aCompleteApplication());
    assertThat(cases.checksOf(project)).filteredOn(c -> c.getCheckName().equals(ProjectRules.DEVELOPER))
        .extracting(CaseCheck::getOutcome).containsExactly(CaseCheck.Outcome.PASSED);

    Bar bar = cases.as(ProjectCases.BUREAU_OFFICER, Groups.BUREAU, () -> bars.bar(Bar.SubjectKind.DEVELOPER,
        cases.developerIdOf(account), "伪造出行数据", LocalDate.now().plusYears(2)));
    CheckResult barred = check(project);
    assertThat(barred.failed()).isTrue();
    assertThat(barred.errorCode()).isEqualTo("Error_DeveloperBarred");
    assertThat(barred.detail()).contains("处于禁止申报期（至 " + bar.getBarredUntil() + "）")
        .endsWith("原因：伪造出行数据");

    cases.as(ProjectCases.BUREAU_OFFICER, Groups.BUREAU, () -> bars.lift(bar.getId(), "复核撤销"));
    assertThat(check(project).failed()).isFalse();
  }

  private CheckResult check(Project project) {
    return new TransactionTemplate(transactionManager).execute(status -> standingCheck.check(project));
  }
}
