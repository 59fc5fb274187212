package cn.beijing.carboninclusion.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** 签发: the units issued for one reduction application (at most one issuance per application). */
@Entity
@Table(name = "registry_issuance")
public class Issuance {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "application_id", nullable = false, updatable = false)
  private Long applicationId;
  @Column(name = "project_id", nullable = false, updatable = false)
  private Long projectId;
  @Column(name = "project_registration_no", nullable = false, updatable = false)
  private String projectRegistrationNo;
  @Column(name = "developer_id", nullable = false, updatable = false)
  private Long developerId;
  @Column(name = "account_id", nullable = false, updatable = false)
  private Long accountId;
  @Column(name = "vintage_year", nullable = false, updatable = false)
  private int vintageYear;
  @Column(name = "first_unit", nullable = false, updatable = false)
  private long firstUnit;
  @Column(name = "last_unit", nullable = false, updatable = false)
  private long lastUnit;
  @Column(nullable = false, updatable = false)
  private long quantity;
  @Column(name = "first_serial", nullable = false, updatable = false)
  private String firstSerial;
  @Column(name = "last_serial", nullable = false, updatable = false)
  private String lastSerial;
  @Column(name = "issued_at", nullable = false, updatable = false)
  private Instant issuedAt;
  @Column(name = "journal_entry_id")
  private Long journalEntryId;

  protected Issuance() {}

  Issuance(IssueRequest request, Long accountId, long firstUnit, Instant issuedAt) {
    this.applicationId = request.applicationId();
    this.projectId = request.projectId();
    this.projectRegistrationNo = request.projectRegistrationNo();
    this.developerId = request.developerId();
    this.accountId = accountId;
    this.vintageYear = request.vintageYear();
    this.firstUnit = firstUnit;
    this.lastUnit = firstUnit + request.quantity() - 1;
    this.quantity = request.quantity();
    this.firstSerial = Serials.unit(projectRegistrationNo, vintageYear, firstUnit);
    this.lastSerial = Serials.unit(projectRegistrationNo, vintageYear, lastUnit);
    this.issuedAt = issuedAt;
  }

  void journalled(Long entryId) { this.journalEntryId = entryId; }

  public Long getId() { return id; }
  public Long getApplicationId() { return applicationId; }
  public Long getProjectId() { return projectId; }
  public String getProjectRegistrationNo() { return projectRegistrationNo; }
  public Long getDeveloperId() { return developerId; }
  public Long getAccountId() { return accountId; }
  public int getVintageYear() { return vintageYear; }
  public long getFirstUnit() { return firstUnit; }
  public long getLastUnit() { return lastUnit; }
  public long getQuantity() { return quantity; }
  public String getFirstSerial() { return firstSerial; }
  public String getLastSerial() { return lastSerial; }
  public Instant getIssuedAt() { return issuedAt; }
  public Long getJournalEntryId() { return journalEntryId; }
}
