package cn.beijing.carboninclusion.developer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Links a platform user account (Camunda user id) to the developer organisation it acts for. */
@Entity
@Table(name = "developer_member")
public class DeveloperMember {
  @Id
  @Column(name = "user_id")
  private String userId;
  @Column(name = "organisation_id", nullable = false)
  private Long organisationId;

  protected DeveloperMember() {}

  public DeveloperMember(String userId, Long organisationId) {
    this.userId = userId;
    this.organisationId = organisationId;
  }

  public String getUserId() { return userId; }
  public Long getOrganisationId() { return organisationId; }
}
