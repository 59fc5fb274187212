package cn.beijing.carboninclusion.supervision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 审计报告: the audit report on the use of revenue of one project for one audit period, made by a professional audit
 * agency; opened by the {@code AuditReport} process, filed by the developer, decided by the technical center.
 */
@Entity
@Table(name = "audit_report")
public class AuditReport {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "project_id", nullable = false, updatable = false)
  private Long projectId;
  @Column(name = "period_label", nullable = false, updatable = false)
  private String periodLabel;
  @Column(name = "period_start", nullable = false, updatable = false)
  private LocalDate periodStart;
  @Column(name = "period_end", nullable = false, updatable = false)
  private LocalDate periodEnd;
  @Column(name = "due_at", nullable = false, updatable = false)
  private Instant dueAt;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private AuditReportStatus status;
  @Column(name = "agency_name")
  private String agencyName;
  @Column(name = "agency_credit_code")
  private String agencyCreditCode;
  @Column(name = "agency_id")
  private Long agencyId;
  @Column(name = "engaged_by")
  private String engagedBy;
  @Column(name = "engaged_at")
  private Instant engagedAt;
  @Enumerated(EnumType.STRING)
  @Column(name = "audit_opinion")
  private AuditOpinion auditOpinion;
  private BigDecimal proceeds;
  @Column(name = "operating_costs")
  private BigDecimal operatingCosts;
  @Column(name = "returned_amount")
  private BigDecimal returnedAmount;
  @Column(name = "return_ratio")
  private BigDecimal returnRatio;
  @Column(name = "registry_proceeds")
  private BigDecimal registryProceeds;
  @Column(name = "report_summary")
  private String reportSummary;
  @Column(name = "filed_by")
  private String filedBy;
  @Column(name = "filed_at")
  private Instant filedAt;
  @Column(name = "decided_by")
  private String decidedBy;
  @Column(name = "decided_at")
  private Instant decidedAt;
  @Column(name = "decision_comment")
  private String decisionComment;
  @Version
  @Column(name = "lock_version", nullable = false)
  private long lockVersion;

  protected AuditReport() {}

  AuditReport(Long projectId, String periodLabel, LocalDate periodStart, LocalDate periodEnd, Instant dueAt) {
    this.projectId = projectId;
    this.periodLabel = periodLabel;
    this.periodStart = periodStart;
    this.periodEnd = periodEnd;
    this.dueAt = dueAt;
    this.status = AuditReportStatus.OPEN;
  }

  void due() {
    require(AuditReportStatus.OPEN);
    status = AuditReportStatus.DUE;
  }

  /** The developer engaged the audit firm for this period (the report is due and no firm engaged yet). */
  void engaged(ServiceAgency agency, String by, Instant at) {
    require(AuditReportStatus.DUE);
    if (agencyId != null) {
      throw new cn.beijing.carboninclusion.common.ConflictException("本审计期已委托审计机构 (an audit firm is engaged)");
    }
    agencyId = agency.getId();
    agencyName = agency.getName();
    agencyCreditCode = agency.getCreditCode();
    engagedBy = by;
    engagedAt = at;
  }

  void filed(AuditReportFiling.Filing filing, String by, Instant at) {
    require(AuditReportStatus.DUE);
    auditOpinion = filing.opinion();
    proceeds = filing.proceeds();
    operatingCosts = filing.operatingCosts();
    returnedAmount = filing.returnedAmount();
    reportSummary = filing.reportSummary();
    filedBy = by;
    filedAt = at;
    status = AuditReportStatus.FILED;
  }

  void checked(BigDecimal ratio, BigDecimal recordedProceeds) {
    returnRatio = ratio;
    registryProceeds = recordedProceeds;
  }

  void decided(boolean accepted, String by, Instant at, String comment) {
    require(AuditReportStatus.FILED);
    status = accepted ? AuditReportStatus.ACCEPTED : AuditReportStatus.REJECTED;
    decidedBy = by;
    decidedAt = at;
    decisionComment = comment;
  }

  void overdue() {
    require(AuditReportStatus.DUE);
    status = AuditReportStatus.OVERDUE;
  }

  void rectified() {
    if (status.unmet()) {
      status = AuditReportStatus.RECTIFIED;
    }
  }

  void closed() {
    if (status == AuditReportStatus.OPEN || status == AuditReportStatus.DUE || status == AuditReportStatus.FILED) {
      status = AuditReportStatus.CLOSED;
    }
  }

  private void require(AuditReportStatus expected) {
    if (status != expected) {
      throw new IllegalStateException("audit report " + id + " is " + status + ", expected " + expected);
    }
  }

  public Long getId() { return id; }
  public Long getProjectId() { return projectId; }
  public String getPeriodLabel() { return periodLabel; }
  public LocalDate getPeriodStart() { return periodStart; }
  public LocalDate getPeriodEnd() { return periodEnd; }
  public Instant getDueAt() { return dueAt; }
  public AuditReportStatus getStatus() { return status; }
  public String getAgencyName() { return agencyName; }
  public Long getAgencyId() { return agencyId; }
  public String getEngagedBy() { return engagedBy; }
  public Instant getEngagedAt() { return engagedAt; }
  public AuditOpinion getAuditOpinion() { return auditOpinion; }
  public String getAgencyCreditCode() { return agencyCreditCode; }
  public BigDecimal getProceeds() { return proceeds; }
  public BigDecimal getOperatingCosts() { return operatingCosts; }
  public BigDecimal getReturnedAmount() { return returnedAmount; }
  public BigDecimal getReturnRatio() { return returnRatio; }
  public BigDecimal getRegistryProceeds() { return registryProceeds; }
  public String getReportSummary() { return reportSummary; }
  public String getFiledBy() { return filedBy; }
  public Instant getFiledAt() { return filedAt; }
  public String getDecidedBy() { return decidedBy; }
  public Instant getDecidedAt() { return decidedAt; }
  public String getDecisionComment() { return decisionComment; }
}
