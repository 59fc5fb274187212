package cn.beijing.carboninclusion.project;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * 碳普惠项目. Its {@link ProjectStatus} is the one truth the API, the portal and the processes read; it changes
 * only through {@link #moveTo}, called from process steps.
 */
@Entity
@Table(name = "project")
public class Project {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Enumerated(EnumType.STRING)
  @Column(name = "project_class", nullable = false)
  private ProjectClass projectClass;
  @Column(name = "methodology_id", nullable = false)
  private Long methodologyId;
  @Column(name = "developer_id", nullable = false)
  private Long developerId;
  @Column(nullable = false)
  private String name;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private ProjectStatus status;
  @Column(name = "registration_no", unique = true)
  private String registrationNo;
  @Column(nullable = false)
  private String district;
  private String address;
  private String description;
  @Column(name = "start_date")
  private LocalDate startDate;
  @Column(name = "crediting_start")
  private LocalDate creditingStart;
  @Column(name = "crediting_end")
  private LocalDate creditingEnd;
  @Column(name = "revenue_return_ratio", precision = 5, scale = 4)
  private BigDecimal revenueReturnRatio;
  @Column(name = "public_interest_commitment")
  private String publicInterestCommitment;
  @Column(name = "revenue_plan")
  private String revenuePlan;
  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;
  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;
  @Column(name = "publicity_start")
  private LocalDate publicityStart;
  @Column(name = "publicity_end")
  private LocalDate publicityEnd;
  @Column(name = "publicity_closed_on")
  private LocalDate publicityClosedOn;
  @Column(name = "registered_at")
  private Instant registeredAt;
  @Column(name = "supplement_rounds", nullable = false)
  private int supplementRounds;
  @Column(name = "status_reason")
  private String statusReason;
  @Column(name = "submission_key", unique = true, updatable = false)
  private String submissionKey;
  /** Site coordinates (WGS-84 degrees), when the developer gave them. */
  @Column(precision = 9, scale = 7)
  private BigDecimal latitude;
  @Column(precision = 10, scale = 7)
  private BigDecimal longitude;
  /** District and normalised address ({@link SiteAddress#key}), kept with the address for the duplicate checks. */
  @Column(name = "site_key")
  private String siteKey;
  @Version
  @Column(name = "lock_version")
  private long lockVersion;
  @OneToMany(mappedBy = "project", cascade = CascadeType.ALL, orphanRemoval = true, fetch = FetchType.LAZY)
  private List<ProjectIdentifier> identifiers = new ArrayList<>();

  protected Project() {}

  public Project(ProjectClass projectClass, Long methodologyId, Long developerId, String name, String district,
      Instant createdAt) {
    this.projectClass = projectClass;
    this.methodologyId = methodologyId;
    this.developerId = developerId;
    this.name = name;
    this.district = district;
    this.status = ProjectStatus.SUBMITTED;
    this.createdAt = createdAt;
    this.updatedAt = createdAt;
  }

  /** Changes the status; returns the previous one. Process steps call this through {@link ProjectLifecycle}. */
  ProjectStatus moveTo(ProjectStatus next, Instant at, String reason) {
    ProjectStatus previous = status;
    status = next;
    statusReason = reason;
    updatedAt = at;
    return previous;
  }

  /** Class II projects are recorded, not registered. */
  public void recordAsClassTwo() {
    if (projectClass != ProjectClass.CLASS_II) {
      throw new IllegalStateException("only Class II projects are recorded without registration");
    }
    status = ProjectStatus.RECORDED;
  }

  void closePublicity(LocalDate on) {
    this.publicityClosedOn = on;
  }

  void startPublicity(LocalDate start, LocalDate end) {
    this.publicityClosedOn = null;
    this.publicityStart = start;
    this.publicityEnd = end;
  }

  void registered(String registrationNo, Instant at) {
    assignRegistrationNo(registrationNo);
    this.registeredAt = at;
  }

  int countSupplementRound() {
    return ++supplementRounds;
  }

  public void submittedWithKey(String submissionKey) {
    this.submissionKey = submissionKey;
  }

  public void declareIdentifier(String scheme, String identifier, boolean alreadyCredited) {
    identifiers.add(new ProjectIdentifier(this, scheme, identifier, alreadyCredited));
  }

  public void describe(String address, String description, LocalDate startDate, LocalDate creditingStart,
      LocalDate creditingEnd) {
    this.address = address;
    this.siteKey = SiteAddress.key(district, address);
    this.description = description;
    this.startDate = startDate;
    this.creditingStart = creditingStart;
    this.creditingEnd = creditingEnd;
  }

  /** The site's coordinates (both or neither). */
  public void locate(BigDecimal latitude, BigDecimal longitude) {
    this.latitude = latitude;
    this.longitude = longitude;
  }

  public void planImplementation(BigDecimal revenueReturnRatio, String publicInterestCommitment, String revenuePlan) {
    this.revenueReturnRatio = revenueReturnRatio;
    this.publicInterestCommitment = publicInterestCommitment;
    this.revenuePlan = revenuePlan;
  }

  /** Brings the registered data up to the latest version (an applied change); the history stays in the versions. */
  void amend(ProjectVersion version, Instant at) {
    this.developerId = version.getDeveloperId();
    this.address = version.getAddress();
    this.siteKey = SiteAddress.key(district, address);
    this.revenueReturnRatio = version.getRevenueReturnRatio();
    this.revenuePlan = version.getRevenuePlan();
    this.updatedAt = at;
  }

  private void assignRegistrationNo(String registrationNo) {
    if (this.registrationNo != null) {
      throw new IllegalStateException("project " + id + " already has registration number " + this.registrationNo);
    }
    this.registrationNo = registrationNo;
  }

  public Long getId() { return id; }
  public ProjectClass getProjectClass() { return projectClass; }
  public Long getMethodologyId() { return methodologyId; }
  public Long getDeveloperId() { return developerId; }
  public String getName() { return name; }
  public ProjectStatus getStatus() { return status; }
  public String getRegistrationNo() { return registrationNo; }
  public String getDistrict() { return district; }
  public String getAddress() { return address; }
  public String getDescription() { return description; }
  public LocalDate getStartDate() { return startDate; }
  public LocalDate getCreditingStart() { return creditingStart; }
  public LocalDate getCreditingEnd() { return creditingEnd; }
  public BigDecimal getRevenueReturnRatio() { return revenueReturnRatio; }
  public String getPublicInterestCommitment() { return publicInterestCommitment; }
  public String getRevenuePlan() { return revenuePlan; }
  public Instant getCreatedAt() { return createdAt; }
  public Instant getUpdatedAt() { return updatedAt; }
  public LocalDate getPublicityStart() { return publicityStart; }
  public LocalDate getPublicityEnd() { return publicityEnd; }
  public LocalDate getPublicityClosedOn() { return publicityClosedOn; }
  public Instant getRegisteredAt() { return registeredAt; }
  public int getSupplementRounds() { return supplementRounds; }
  public String getStatusReason() { return statusReason; }
  public String getSubmissionKey() { return submissionKey; }
  public BigDecimal getLatitude() { return latitude; }
  public BigDecimal getLongitude() { return longitude; }
  public String getSiteKey() { return siteKey; }
  public List<ProjectIdentifier> getIdentifiers() { return Collections.unmodifiableList(identifiers); }
}
