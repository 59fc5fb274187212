package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.reduction.Verifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The reduction capability's view of the service agencies ({@link Verifiers}): the recorded agencies, their accounts,
 * their bars, their declared relationships with developers, and which agency audited which project.
 */
@Component
class VerifierDirectory implements Verifiers {
  private final ServiceAgencyRecords agencies;
  private final AgencyMembers members;
  private final AgencyRelationships relationships;
  private final AuditReports auditReports;
  private final Bars bars;

  VerifierDirectory(ServiceAgencyRecords agencies, AgencyMembers members, AgencyRelationships relationships,
      AuditReports auditReports, Bars bars) {
    this.agencies = agencies;
    this.members = members;
    this.relationships = relationships;
    this.auditReports = auditReports;
    this.bars = bars;
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<Agency> agency(long agencyId) {
    return agencies.findById(agencyId).map(a -> new Agency(a.getId(), a.getName(), a.getKind() == AgencyKind.VERIFIER,
        bars.agencyBarred(a.getId())));
  }

  @Override
  @Transactional(readOnly = true)
  public List<String> accounts(long agencyId) {
    return members.findByAgencyIdOrderByUserIdAsc(agencyId).stream().map(AgencyMember::getUserId).toList();
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<Long> agencyOf(String userId) {
    return userId == null ? Optional.empty() : members.findById(userId).map(AgencyMember::getAgencyId);
  }

  @Override
  @Transactional(readOnly = true)
  public List<String> conflicts(long agencyId, long developerId, long projectId) {
    List<String> conflicts = new ArrayList<>();
    ServiceAgency agency = agencies.findById(agencyId).orElse(null);
    if (agency == null) {
      return conflicts;
    }
    relationships.findByAgencyIdAndDeveloperId(agencyId, developerId).forEach(r -> conflicts.add(agency.getName()
        + "与项目开发方存在已申报的关联关系（" + r.getKind().label() + (r.getNote() == null ? "" : "：" + r.getNote()) + "）"));
    boolean auditor = auditReports.findByProjectIdOrderByPeriodStartAsc(projectId).stream()
        .anyMatch(report -> agency.getCreditCode().equals(report.getAgencyCreditCode()));
    if (auditor) {
      conflicts.add(agency.getName() + "是本项目收益使用情况的审计机构");
    }
    return conflicts;
  }
}
