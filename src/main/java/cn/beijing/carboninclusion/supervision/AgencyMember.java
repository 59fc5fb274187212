package cn.beijing.carboninclusion.supervision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Links a platform account (Camunda user id) to the service agency it acts for (核查机构、审计机构). */
@Entity
@Table(name = "agency_member")
class AgencyMember {
  @Id
  @Column(name = "user_id")
  private String userId;
  @Column(name = "agency_id", nullable = false)
  private Long agencyId;
  @Column(name = "linked_by", nullable = false)
  private String linkedBy;
  @Column(name = "linked_at", nullable = false)
  private Instant linkedAt;

  protected AgencyMember() {}

  AgencyMember(String userId, Long agencyId, String linkedBy, Instant linkedAt) {
    this.userId = userId;
    this.agencyId = agencyId;
    this.linkedBy = linkedBy;
    this.linkedAt = linkedAt;
  }

  String getUserId() { return userId; }
  Long getAgencyId() { return agencyId; }
  String getLinkedBy() { return linkedBy; }
  Instant getLinkedAt() { return linkedAt; }
}
