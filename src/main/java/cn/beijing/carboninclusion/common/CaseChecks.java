package cn.beijing.carboninclusion.common;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Records check results on a case (and in its audit trail) and renders them for the reviewer's form. */
@Service
public class CaseChecks {

  private final CaseCheckRepository checks;
  private final AuditTrail auditTrail;
  private final Clock clock;

  public CaseChecks(CaseCheckRepository checks, AuditTrail auditTrail, Clock clock) {
    this.checks = checks;
    this.auditTrail = auditTrail;
    this.clock = clock;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void record(String caseType, Long caseId, CheckResult result) {
    checks.save(new CaseCheck(caseType, caseId, result.checkName(), result.outcome(), result.detail(),
        Instant.now(clock)));
    auditTrail.record(caseType, caseId, "CHECK_" + result.outcome().name(), null, null,
        result.checkName() + "：" + result.detail());
  }

  @Transactional(readOnly = true)
  public List<CaseCheck> of(String caseType, Long caseId) {
    return checks.findByCaseTypeAndCaseIdOrderByIdAsc(caseType, caseId);
  }

  /** One line per check, e.g. "【通过】核查方法学有效性：…", for the read-only field of the review forms. */
  @Transactional(readOnly = true)
  public String summary(String caseType, Long caseId) {
    return of(caseType, caseId).stream()
        .map(c -> "【" + label(c.getOutcome()) + "】" + c.getCheckName() + "：" + c.getDetail())
        .collect(Collectors.joining("\n"));
  }

  private static String label(CaseCheck.Outcome outcome) {
    return switch (outcome) {
      case PASSED -> "通过";
      case FLAGGED -> "提示";
      case FAILED -> "未通过";
    };
  }
}
