package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.Projects;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the public sees of audit reports on the use of revenue, shared by the public JSON API and the disclosure
 * portal: the decided reports (accepted, rejected, overdue, rectified) with their figures, the audit agency and the
 * decision; no user ids, no report text beyond the decision.
 */
@Service
public class PublicAuditReports {
  /** The statuses the public sees. */
  public static final Set<AuditReportStatus> PUBLIC = EnumSet.of(AuditReportStatus.ACCEPTED,
      AuditReportStatus.REJECTED, AuditReportStatus.OVERDUE, AuditReportStatus.RECTIFIED);

  private final AuditReports reports;
  private final Projects projects;
  private final AuditReportDocuments documents;

  PublicAuditReports(AuditReports reports, Projects projects, AuditReportDocuments documents) {
    this.reports = reports;
    this.projects = projects;
    this.documents = documents;
  }

  /** What the public sees of an audit report: no user ids. */
  public record PublicAuditReport(Long id, Long projectId, String projectName, String registrationNo, String period,
      AuditReportStatus status, String statusLabel, String agencyName, String agencyCreditCode,
      BigDecimal proceeds, BigDecimal operatingCosts, BigDecimal returnedAmount,
      BigDecimal returnRatio, Instant decidedAt, String decisionComment, String auditOpinionLabel,
      String documentSha256) {
    static PublicAuditReport of(AuditReport r, Project p, String documentSha256) {
      return new PublicAuditReport(r.getId(), r.getProjectId(), p.getName(), p.getRegistrationNo(),
          r.getPeriodLabel(), r.getStatus(), r.getStatus().label(), r.getAgencyName(), r.getAgencyCreditCode(),
          r.getProceeds(), r.getOperatingCosts(), r.getReturnedAmount(), r.getReturnRatio(), r.getDecidedAt(),
          r.getDecisionComment(), r.getAuditOpinion() == null ? null : r.getAuditOpinion().label(), documentSha256);
    }
  }

  /** The decided audit reports (optionally of one status), newest first, with their projects. */
  @Transactional(readOnly = true)
  public Page<PublicAuditReport> published(AuditReportStatus status, Pageable page) {
    Set<AuditReportStatus> statuses = status == null ? PUBLIC : EnumSet.of(status);
    if (!PUBLIC.containsAll(statuses)) {
      return Page.empty(page);
    }
    Page<AuditReport> found = reports.findByStatusInOrderByIdDesc(statuses, page);
    Map<Long, Project> byId = projects.findAllById(found.map(AuditReport::getProjectId).toSet()).stream()
        .collect(Collectors.toMap(Project::getId, Function.identity()));
    Map<Long, String> hashes = new java.util.HashMap<>();
    if (found.hasContent()) {
      documents.hashesOf(found.map(AuditReport::getId).toList())
          .forEach(row -> hashes.put((Long) row[0], (String) row[1]));
    }
    return found.map(r -> PublicAuditReport.of(r, byId.get(r.getProjectId()), hashes.get(r.getId())));
  }

  /** A decided audit report, or not found. */
  @Transactional(readOnly = true)
  public PublicAuditReport get(Long id) {
    AuditReport report = reports.findById(id).filter(r -> PUBLIC.contains(r.getStatus()))
        .orElseThrow(() -> new NotFoundException("audit report", id));
    String hash = documents.hashesOf(List.of(id)).stream().map(row -> (String) row[1]).findFirst().orElse(null);
    return PublicAuditReport.of(report, projects.findById(report.getProjectId()).orElseThrow(), hash);
  }

  /** The signed document of a decided audit report, for anyone (404 while the report is not public or has none). */
  @Transactional(readOnly = true)
  public AuditReportDocument document(Long id) {
    reports.findById(id).filter(r -> PUBLIC.contains(r.getStatus()))
        .orElseThrow(() -> new NotFoundException("audit report", id));
    return documents.findById(id).orElseThrow(() -> new NotFoundException("audit report document", id));
  }
}
