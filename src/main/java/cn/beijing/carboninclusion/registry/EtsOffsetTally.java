package cn.beijing.carboninclusion.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;

/**
 * The Beijing ETS offsets of one covered entity in one compliance year. The verified emissions kept are the lowest
 * any retirement declared, so the limit never grows with a later, larger declaration.
 */
@Entity
@Table(name = "registry_ets_offset")
class EtsOffsetTally {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "covered_entity", nullable = false, updatable = false)
  private String coveredEntity;
  @Column(name = "compliance_year", nullable = false, updatable = false)
  private int complianceYear;
  @Column(name = "verified_emissions", nullable = false, precision = 18, scale = 4)
  private BigDecimal verifiedEmissions;
  @Column(name = "offset_total", nullable = false)
  private long offsetTotal;
  @Version
  @Column(name = "lock_version")
  private long lockVersion;

  protected EtsOffsetTally() {}

  EtsOffsetTally(String coveredEntity, int complianceYear, BigDecimal verifiedEmissions) {
    this.coveredEntity = coveredEntity;
    this.complianceYear = complianceYear;
    this.verifiedEmissions = verifiedEmissions;
  }

  /** The verified emissions the limit is computed from, if {@code declared} were accepted. */
  BigDecimal emissionsWith(BigDecimal declared) {
    return declared.min(verifiedEmissions);
  }

  void add(long quantity, BigDecimal declared) {
    offsetTotal = Math.addExact(offsetTotal, quantity);
    verifiedEmissions = emissionsWith(declared);
  }

  long getOffsetTotal() { return offsetTotal; }
}
