package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.crypto.PersonalText;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 项目版本: the registered data of a project in force from {@link #getEffectiveFrom()}. Version 1 is the registration;
 * each applied change adds the next version. Rows are never updated: the history stays as it was.
 */
@Entity
@Table(name = "project_version")
public class ProjectVersion {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "project_id", nullable = false, updatable = false)
  private Long projectId;
  @Column(name = "version_no", nullable = false, updatable = false)
  private int versionNo;
  @Column(name = "effective_from", nullable = false, updatable = false)
  private LocalDate effectiveFrom;
  @Column(name = "developer_id", nullable = false, updatable = false)
  private Long developerId;
  @Column(updatable = false)
  private String address;
  @Column(name = "revenue_return_ratio", precision = 5, scale = 4, updatable = false)
  private BigDecimal revenueReturnRatio;
  @Column(name = "revenue_plan", updatable = false)
  private String revenuePlan;
  @Column(name = "participant_scope", updatable = false)
  private String participantScope;
  @Column(name = "monitoring_plan", updatable = false)
  private String monitoringPlan;
  @Column(name = "contact_name", updatable = false)
  @Convert(converter = PersonalText.class)
  private String contactName;
  @Column(name = "contact_phone", updatable = false)
  @Convert(converter = PersonalText.class)
  private String contactPhone;
  @Column(name = "contact_email", updatable = false)
  @Convert(converter = PersonalText.class)
  private String contactEmail;
  @Column(name = "created_by_change_id", updatable = false)
  private Long createdByChangeId;
  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected ProjectVersion() {}

  /** Version 1: the data of the registration. */
  static ProjectVersion initial(Project project, String contactEmail, LocalDate effectiveFrom, Instant at) {
    ProjectVersion v = new ProjectVersion();
    v.projectId = project.getId();
    v.versionNo = 1;
    v.effectiveFrom = effectiveFrom;
    v.developerId = project.getDeveloperId();
    v.address = project.getAddress();
    v.revenueReturnRatio = project.getRevenueReturnRatio();
    v.revenuePlan = project.getRevenuePlan();
    v.contactEmail = contactEmail;
    v.createdAt = at;
    return v;
  }

  /** The next version: this one with the change's new values, in force from {@code effectiveFrom}. */
  ProjectVersion next(ChangeValues values, Long changeId, LocalDate effectiveFrom, Instant at) {
    ProjectVersion v = new ProjectVersion();
    v.projectId = projectId;
    v.versionNo = versionNo + 1;
    v.effectiveFrom = effectiveFrom;
    v.developerId = values.newDeveloperId() != null ? values.newDeveloperId() : developerId;
    v.address = values.address() != null ? values.address() : address;
    v.revenueReturnRatio = values.revenueReturnRatio() != null ? values.revenueReturnRatio() : revenueReturnRatio;
    v.revenuePlan = values.revenuePlan() != null ? values.revenuePlan() : revenuePlan;
    v.participantScope = values.participantScope() != null ? values.participantScope() : participantScope;
    v.monitoringPlan = values.monitoringPlan() != null ? values.monitoringPlan() : monitoringPlan;
    v.contactName = values.contactName() != null ? values.contactName() : contactName;
    v.contactPhone = values.contactPhone() != null ? values.contactPhone() : contactPhone;
    v.contactEmail = values.contactEmail() != null ? values.contactEmail() : contactEmail;
    v.createdByChangeId = changeId;
    v.createdAt = at;
    return v;
  }

  public Long getId() { return id; }
  public Long getProjectId() { return projectId; }
  public int getVersionNo() { return versionNo; }
  public LocalDate getEffectiveFrom() { return effectiveFrom; }
  public Long getDeveloperId() { return developerId; }
  public String getAddress() { return address; }
  public BigDecimal getRevenueReturnRatio() { return revenueReturnRatio; }
  public String getRevenuePlan() { return revenuePlan; }
  public String getParticipantScope() { return participantScope; }
  public String getMonitoringPlan() { return monitoringPlan; }
  public String getContactName() { return contactName; }
  public String getContactPhone() { return contactPhone; }
  public String getContactEmail() { return contactEmail; }
  public Long getCreatedByChangeId() { return createdByChangeId; }
  public Instant getCreatedAt() { return createdAt; }
}
