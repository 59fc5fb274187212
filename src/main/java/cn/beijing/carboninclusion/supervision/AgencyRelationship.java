package cn.beijing.carboninclusion.supervision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A declared relationship between a service agency and a developer organisation: such an agency does not verify that
 * developer's claims (核查机构独立性).
 */
@Entity
@Table(name = "agency_relationship")
public class AgencyRelationship {
  /** What ties them. */
  public enum Kind {
    OWNERSHIP("股权关联"), CONSULTING("咨询服务"), COMMON_CONTROL("同一控制"), OTHER("其他关联");

    private final String label;

    Kind(String label) { this.label = label; }

    String label() { return label; }
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "agency_id", nullable = false, updatable = false)
  private Long agencyId;
  @Column(name = "developer_id", nullable = false, updatable = false)
  private Long developerId;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Kind kind;
  @Column(updatable = false)
  private String note;
  @Column(name = "declared_by", nullable = false, updatable = false)
  private String declaredBy;
  @Column(name = "declared_at", nullable = false, updatable = false)
  private Instant declaredAt;

  protected AgencyRelationship() {}

  AgencyRelationship(Long agencyId, Long developerId, Kind kind, String note, String declaredBy, Instant declaredAt) {
    this.agencyId = agencyId;
    this.developerId = developerId;
    this.kind = kind;
    this.note = note;
    this.declaredBy = declaredBy;
    this.declaredAt = declaredAt;
  }

  Long getId() { return id; }
  Long getAgencyId() { return agencyId; }
  Long getDeveloperId() { return developerId; }
  Kind getKind() { return kind; }
  String getNote() { return note; }
  String getDeclaredBy() { return declaredBy; }
  Instant getDeclaredAt() { return declaredAt; }
}
