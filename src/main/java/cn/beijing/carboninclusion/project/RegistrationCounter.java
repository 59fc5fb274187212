package cn.beijing.carboninclusion.project;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** The last registration number issued in a year. */
@Entity
@Table(name = "registration_counter")
class RegistrationCounter {
  @Id
  @Column(name = "counter_year")
  private Integer year;
  @Column(name = "last_value", nullable = false)
  private int lastValue;
  @Version
  @Column(name = "lock_version")
  private long lockVersion;

  protected RegistrationCounter() {}

  RegistrationCounter(int year) {
    this.year = year;
  }

  int next() {
    return ++lastValue;
  }
}
