package cn.beijing.carboninclusion.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;

/** 收益返还: an amount a developer reports as returned to a project's participants in a period (calendar year). */
@Entity
@Table(name = "registry_revenue_return")
public class RevenueReturn {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "project_registration_no", nullable = false, updatable = false)
  private String projectRegistrationNo;
  @Column(name = "developer_id", nullable = false, updatable = false)
  private Long developerId;
  @Column(name = "period_year", nullable = false, updatable = false)
  private int periodYear;
  @Column(name = "returned_amount", nullable = false, updatable = false, precision = 18, scale = 2)
  private BigDecimal returnedAmount;
  @Column(name = "operating_costs", nullable = false, updatable = false, precision = 18, scale = 2)
  private BigDecimal operatingCosts;
  @Column(updatable = false)
  private Integer participants;
  @Column(updatable = false)
  private String note;
  @Column(name = "reported_by", nullable = false, updatable = false)
  private String reportedBy;
  @Column(name = "reported_at", nullable = false, updatable = false)
  private Instant reportedAt;
  @Column(name = "journal_entry_id")
  private Long journalEntryId;
  /** {@code SELF_REPORTED} by the developer, or {@code VERIFIED} from a reconciled payout ledger (V83). */
  @Column(nullable = false, updatable = false)
  private String source = SELF_REPORTED;
  @Column(name = "application_id", updatable = false)
  private Long applicationId;

  public static final String SELF_REPORTED = "SELF_REPORTED";
  public static final String VERIFIED = "VERIFIED";

  protected RevenueReturn() {}

  RevenueReturn(String projectRegistrationNo, Long developerId, int periodYear, BigDecimal returnedAmount,
      BigDecimal operatingCosts, Integer participants, String note, String reportedBy, Instant reportedAt) {
    this.projectRegistrationNo = projectRegistrationNo;
    this.developerId = developerId;
    this.periodYear = periodYear;
    this.returnedAmount = returnedAmount;
    this.operatingCosts = operatingCosts;
    this.participants = participants;
    this.note = note;
    this.reportedBy = reportedBy;
    this.reportedAt = reportedAt;
  }

  /** The figure verified from the payout ledger of a reduction application. */
  static RevenueReturn verified(String projectRegistrationNo, Long developerId, int periodYear,
      BigDecimal returnedAmount, BigDecimal operatingCosts, Integer participants, Long applicationId, String reportedBy,
      Instant reportedAt) {
    RevenueReturn r = new RevenueReturn(projectRegistrationNo, developerId, periodYear, returnedAmount, operatingCosts,
        participants, "发放台账核对（减排量申请 " + applicationId + "）", reportedBy, reportedAt);
    r.source = VERIFIED;
    r.applicationId = applicationId;
    return r;
  }

  void journalled(Long entryId) { this.journalEntryId = entryId; }

  public Long getId() { return id; }
  public String getProjectRegistrationNo() { return projectRegistrationNo; }
  public Long getDeveloperId() { return developerId; }
  public int getPeriodYear() { return periodYear; }
  public BigDecimal getReturnedAmount() { return returnedAmount; }
  public BigDecimal getOperatingCosts() { return operatingCosts; }
  public Integer getParticipants() { return participants; }
  public String getNote() { return note; }
  public Instant getReportedAt() { return reportedAt; }
  public Long getJournalEntryId() { return journalEntryId; }
  public String getSource() { return source; }
  public Long getApplicationId() { return applicationId; }
}
