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
 * The Beijing ETS offsets of one covered entity, by unified social credit code, in one compliance year. The limit is
 * computed from the verified emissions of the list in force at each offset ({@code registry.ets}); the emissions kept
 * here are those the last offset was checked against. Rows written before the list (V69) have no credit code and are
 * keyed by the entity's name as it was declared, with the lowest emissions declared; none is written any more.
 */
@Entity
@Table(name = "registry_ets_offset")
class EtsOffsetTally {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "credit_code", updatable = false)
  private String creditCode;
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

  EtsOffsetTally(String creditCode, String coveredEntity, int complianceYear, BigDecimal verifiedEmissions) {
    this.creditCode = creditCode;
    this.coveredEntity = coveredEntity;
    this.complianceYear = complianceYear;
    this.verifiedEmissions = verifiedEmissions;
  }

  /** Counts an offset checked against the {@code listed} verified emissions. */
  void add(long quantity, BigDecimal listed) {
    offsetTotal = Math.addExact(offsetTotal, quantity);
    verifiedEmissions = listed;
  }

  long getOffsetTotal() { return offsetTotal; }
}
