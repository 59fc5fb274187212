package cn.beijing.carboninclusion.reduction;

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

/** 减排量申请: the reductions a Class I project claims for one monitoring period. */
@Entity
@Table(name = "reduction_application")
public class ReductionApplication {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "project_id", nullable = false, updatable = false)
  private Long projectId;
  @Column(name = "period_start", nullable = false)
  private LocalDate periodStart;
  @Column(name = "period_end", nullable = false)
  private LocalDate periodEnd;
  @Column(name = "claimed_tco2e", nullable = false, precision = 18, scale = 4)
  private BigDecimal claimedTco2e;
  @Column(name = "verified_tco2e", precision = 18, scale = 4)
  private BigDecimal verifiedTco2e;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ReductionStatus status;
  @Column(name = "submitted_at", nullable = false, updatable = false)
  private Instant submittedAt;
  @Column(name = "monitoring_report")
  private String monitoringReport;
  private String activities;
  @Column(name = "recomputed_tco2e", precision = 18, scale = 6)
  private BigDecimal recomputedTco2e;
  @Column(name = "approved_tco2e", precision = 18, scale = 4)
  private BigDecimal approvedTco2e;
  @Column(name = "issued_quantity")
  private Long issuedQuantity;
  @Column(name = "first_serial")
  private String firstSerial;
  @Column(name = "last_serial")
  private String lastSerial;
  @Column(name = "status_reason")
  private String statusReason;
  @Column(name = "submitted_by", updatable = false)
  private String submittedBy;
  @Column(name = "updated_at")
  private Instant updatedAt;
  @Column(name = "submission_key", updatable = false)
  private String submissionKey;
  @Column(name = "verifier_agency_id", updatable = false)
  private Long verifierAgencyId;
  /** The platform's recomputation plus the tolerance: above it a verified or registered quantity needs a reason. */
  @Column(name = "recompute_limit_tco2e", precision = 18, scale = 6)
  private BigDecimal recomputeLimitTco2e;
  @Column(name = "above_recomputation", nullable = false)
  private boolean aboveRecomputation;
  @Column(name = "excess_reason")
  private String excessReason;
  @Version
  @Column(name = "lock_version")
  private long lockVersion;

  protected ReductionApplication() {}

  public ReductionApplication(Long projectId, LocalDate periodStart, LocalDate periodEnd, BigDecimal claimedTco2e,
      String monitoringReport, String activities, String submittedBy, Instant submittedAt) {
    this(projectId, periodStart, periodEnd, claimedTco2e, submittedAt);
    this.monitoringReport = monitoringReport;
    this.activities = activities;
    this.submittedBy = submittedBy;
    this.status = ReductionStatus.DRAFT;
    this.updatedAt = submittedAt;
  }

  public ReductionApplication(Long projectId, LocalDate periodStart, LocalDate periodEnd, BigDecimal claimedTco2e,
      Instant submittedAt) {
    if (periodEnd.isBefore(periodStart)) {
      throw new IllegalArgumentException("monitoring period ends before it starts");
    }
    this.projectId = projectId;
    this.periodStart = periodStart;
    this.periodEnd = periodEnd;
    this.claimedTco2e = claimedTco2e;
    this.status = ReductionStatus.SUBMITTED;
    this.submittedAt = submittedAt;
  }

  public ReductionStatus moveTo(ReductionStatus next) {
    ReductionStatus previous = status;
    status = next;
    return previous;
  }

  /** Status change made by a process step (through {@link ReductionLifecycle}). */
  ReductionStatus moveTo(ReductionStatus next, String reason, Instant at) {
    ReductionStatus previous = moveTo(next);
    statusReason = reason;
    updatedAt = at;
    return previous;
  }

  public void verify(BigDecimal verifiedTco2e) { this.verifiedTco2e = verifiedTco2e; }

  /** The platform's recomputation and the limit (recomputation plus tolerance) it sets for the reviewers. */
  void recomputed(BigDecimal tco2e, BigDecimal limit) {
    this.recomputedTco2e = tco2e;
    this.recomputeLimitTco2e = limit;
  }

  /** The registered quantity is above the recomputation limit, for these recorded reasons (published). */
  void registeredAboveRecomputation(String reasons) {
    this.aboveRecomputation = true;
    this.excessReason = reasons;
  }

  void approve(BigDecimal approvedTco2e) { this.approvedTco2e = approvedTco2e; }

  void issued(long quantity, String firstSerial, String lastSerial) {
    this.issuedQuantity = quantity;
    this.firstSerial = firstSerial;
    this.lastSerial = lastSerial;
  }

  public Long getId() { return id; }

  /** The client's Idempotency-Key of the request that filed this application (unique per project). */
  void submittedWithKey(String key) { this.submissionKey = key; }

  /** The verifier (核查机构) the developer engaged for this claim. */
  void engage(Long verifierAgencyId) { this.verifierAgencyId = verifierAgencyId; }

  public Long getVerifierAgencyId() { return verifierAgencyId; }
  public Long getProjectId() { return projectId; }
  public LocalDate getPeriodStart() { return periodStart; }
  public LocalDate getPeriodEnd() { return periodEnd; }
  public BigDecimal getClaimedTco2e() { return claimedTco2e; }
  public BigDecimal getVerifiedTco2e() { return verifiedTco2e; }
  public ReductionStatus getStatus() { return status; }
  public Instant getSubmittedAt() { return submittedAt; }
  public String getMonitoringReport() { return monitoringReport; }
  public String getActivities() { return activities; }
  public BigDecimal getRecomputedTco2e() { return recomputedTco2e; }
  public BigDecimal getRecomputeLimitTco2e() { return recomputeLimitTco2e; }
  public boolean isAboveRecomputation() { return aboveRecomputation; }
  public String getExcessReason() { return excessReason; }
  public BigDecimal getApprovedTco2e() { return approvedTco2e; }
  public Long getIssuedQuantity() { return issuedQuantity; }
  public String getFirstSerial() { return firstSerial; }
  public String getLastSerial() { return lastSerial; }
  public String getStatusReason() { return statusReason; }
  public String getSubmittedBy() { return submittedBy; }
  public Instant getUpdatedAt() { return updatedAt; }
}
