package cn.beijing.carboninclusion.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The last unit number issued for a project's vintage. */
@Entity
@Table(name = "registry_serial_counter")
class SerialCounter {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "project_registration_no", nullable = false, updatable = false)
  private String projectRegistrationNo;
  @Column(name = "vintage_year", nullable = false, updatable = false)
  private int vintageYear;
  @Column(name = "project_id", nullable = false, updatable = false)
  private Long projectId;
  @Column(name = "developer_id", nullable = false, updatable = false)
  private Long developerId;
  @Column(name = "last_unit", nullable = false)
  private long lastUnit;
  @Version
  @Column(name = "lock_version")
  private long lockVersion;

  protected SerialCounter() {}

  SerialCounter(String projectRegistrationNo, int vintageYear, Long projectId, Long developerId) {
    this.projectRegistrationNo = projectRegistrationNo;
    this.vintageYear = vintageYear;
    this.projectId = projectId;
    this.developerId = developerId;
  }

  /** Reserves the next {@code quantity} unit numbers and returns the first. */
  long reserve(long quantity) {
    long first = lastUnit + 1;
    lastUnit = Math.addExact(lastUnit, quantity);
    return first;
  }

  Long getProjectId() { return projectId; }
  Long getDeveloperId() { return developerId; }
}
