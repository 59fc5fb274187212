package cn.beijing.carboninclusion.project;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.common.CaseCheck;
import cn.beijing.carboninclusion.common.CheckResult;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.methodology.Methodology;
import cn.beijing.carboninclusion.methodology.MethodologyStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registration rules without engine or database. */
class ProjectRulesTest {
  static final LocalDate TODAY = LocalDate.of(2026, 3, 2);
  final ProjectRules rules = new ProjectRules();
  static final BigDecimal MINIMUM = new BigDecimal("0.90");

  @Test
  void onlyAnEffectiveLevelOneMethodologyAllowsRegistration() {
    assertThat(rules.methodology(methodology(1, MethodologyStatus.EFFECTIVE), TODAY).outcome())
        .isEqualTo(CaseCheck.Outcome.PASSED);
    CheckResult levelTwo = rules.methodology(methodology(2, MethodologyStatus.EFFECTIVE), TODAY);
    assertThat(levelTwo.errorCode()).isEqualTo("Error_LevelTwoMethodology");
    assertThat(levelTwo.detail()).contains("二类项目");
    assertThat(rules.methodology(methodology(1, MethodologyStatus.RETIRED), TODAY).errorCode())
        .isEqualTo("Error_MethodologyNotEffective");
    assertThat(rules.methodology(null, TODAY).failed()).isTrue();
    Methodology future = methodology(1, MethodologyStatus.DRAFT);
    future.makeEffective(TODAY.plusDays(1));
    assertThat(rules.methodology(future, TODAY).failed()).isTrue();
  }

  @Test
  void aBarredDeveloperMayNotFileUntilItsBarEnds() {
    DeveloperOrganisation developer = new DeveloperOrganisation("91440300708461136T", "某公司",
        DeveloperOrganisation.Kind.ENTERPRISE, null, Instant.EPOCH);
    assertThat(rules.developer(developer, TODAY).failed()).isFalse();
    developer.bar(TODAY.plusYears(3), "数据造假");
    CheckResult barred = rules.developer(developer, TODAY);
    assertThat(barred.errorCode()).isEqualTo("Error_DeveloperBarred");
    assertThat(barred.detail()).contains("数据造假");
    assertThat(rules.developer(developer, TODAY.plusYears(3).plusDays(1)).failed()).isFalse();
  }

  @Test
  void revenueReturnMustReachTheConfiguredMinimum() {
    assertThat(rules.revenueReturn(project(new BigDecimal("0.90")), MINIMUM).failed()).isFalse();
    assertThat(rules.revenueReturn(project(new BigDecimal("0.95")), MINIMUM).detail()).contains("95%");
    CheckResult low = rules.revenueReturn(project(new BigDecimal("0.8999")), MINIMUM);
    assertThat(low.errorCode()).isEqualTo("Error_RevenueReturnTooLow");
    assertThat(low.detail()).contains("89.99%", "90%");
    assertThat(rules.revenueReturn(project(null), MINIMUM).failed()).isTrue();
  }

  @Test
  void duplicatesAreHardUnderTheSameMethodologyOrAfterCancellationAndSoftOtherwise() {
    Project project = project(new BigDecimal("0.95"));
    project.declareIdentifier("SITE", "A-1", false);
    assertThat(rules.duplicates(project, List.of()).outcome()).isEqualTo(CaseCheck.Outcome.PASSED);
    assertThat(rules.duplicates(project, List.of(match(ProjectStatus.REGISTERED, true))).errorCode())
        .isEqualTo("Error_DuplicateApplication");
    assertThat(rules.duplicates(project, List.of(match(ProjectStatus.CANCELLED, false))).detail())
        .contains("已注销的项目不得重新登记");
    assertThat(rules.duplicates(project, List.of(match(ProjectStatus.UNDER_REVIEW, false))).outcome())
        .isEqualTo(CaseCheck.Outcome.FLAGGED);
    assertThat(rules.duplicates(project, List.of(match(ProjectStatus.REJECTED, true))).outcome())
        .isEqualTo(CaseCheck.Outcome.FLAGGED);
    Project credited = project(new BigDecimal("0.95"));
    credited.declareIdentifier("CCER", "CCER-001", true);
    assertThat(rules.duplicates(credited, List.of()).detail()).contains("CCER:CCER-001");
  }

  @Test
  void documentsNeedTheDesignDocumentPlanCommitmentAndRevenuePlan() {
    Project project = project(new BigDecimal("0.95"));
    project.planImplementation(new BigDecimal("0.95"), "承诺", "方案");
    List<ProjectDocuments.Info> complete = List.of(info(ProjectDocument.Kind.DESIGN_DOCUMENT, 10, "application/pdf"),
        info(ProjectDocument.Kind.IMPLEMENTATION_PLAN, 10, "application/pdf"));
    assertThat(rules.documents(project, complete).outcome()).isEqualTo(CaseCheck.Outcome.PASSED);
    assertThat(rules.documents(project, List.of(complete.get(0))).detail()).contains("组织实施方案");
    assertThat(rules.documents(project, List.of(info(ProjectDocument.Kind.DESIGN_DOCUMENT, 0, "application/pdf"),
        complete.get(1))).failed()).isTrue();
    assertThat(rules.documents(project, List.of(info(ProjectDocument.Kind.DESIGN_DOCUMENT, 10, "text/plain"),
        complete.get(1))).outcome()).isEqualTo(CaseCheck.Outcome.FLAGGED);
    project.planImplementation(new BigDecimal("0.95"), " ", "方案");
    assertThat(rules.documents(project, complete).detail()).contains("公益性承诺");
  }

  @Test
  void registrationNumbersHaveTheDocumentedFormat() {
    assertThat(RegistrationNumbers.format(2026, 1)).isEqualTo("BJCI-P-2026-0001");
    assertThat(RegistrationNumbers.format(2026, 12345)).isEqualTo("BJCI-P-2026-12345");
  }

  private static Methodology methodology(int level, MethodologyStatus status) {
    Methodology m = new Methodology("M", 1, "方法学", "交通", level, status, null, null, true, Instant.EPOCH);
    if (status == MethodologyStatus.EFFECTIVE) {
      m.makeEffective(TODAY.minusYears(1));
    }
    return m;
  }

  private static Project project(BigDecimal ratio) {
    Project project = new Project(ProjectClass.CLASS_I, 1L, 1L, "项目", "海淀区", Instant.EPOCH);
    project.planImplementation(ratio, "承诺", "方案");
    return project;
  }

  private static ProjectRules.Match match(ProjectStatus status, boolean sameMethodology) {
    return new ProjectRules.Match(9L, "另一项目", status, "SITE", "A-1", sameMethodology);
  }

  private static ProjectDocuments.Info info(ProjectDocument.Kind kind, long size, String type) {
    return new ProjectDocuments.Info(1L, kind, kind.name() + ".pdf", type, size, "x", "u", Instant.EPOCH);
  }
}
