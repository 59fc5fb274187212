package cn.beijing.carboninclusion.methodology;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/**
 * 方法学: one version of a methodology. Level 1 (一级) may yield reductions for the Beijing market; level 2 (二级)
 * serves public participation and never yields issued reductions. {@code formula} and {@code parameters}
 * (JSON: named parameters with units and values) let the platform recompute a reduction.
 */
@Entity
@Table(name = "methodology")
public class Methodology {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(nullable = false, updatable = false)
  private String code;
  @Column(nullable = false, updatable = false)
  private int version;
  @Column(nullable = false)
  private String name;
  @Column(nullable = false)
  private String field;
  @Column(nullable = false)
  private short level;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private MethodologyStatus status;
  @Column(name = "effective_from")
  private LocalDate effectiveFrom;
  @Column(name = "effective_to")
  private LocalDate effectiveTo;
  private String formula;
  private String parameters;
  @Column(name = "example_values", nullable = false)
  private boolean exampleValues;
  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;
  @Version
  @Column(name = "lock_version")
  private long lockVersion;

  protected Methodology() {}

  public Methodology(String code, int version, String name, String field, int level, MethodologyStatus status,
      String formula, String parameters, boolean exampleValues, Instant createdAt) {
    if (level != 1 && level != 2) {
      throw new IllegalArgumentException("level must be 1 or 2");
    }
    this.code = code;
    this.version = version;
    this.name = name;
    this.field = field;
    this.level = (short) level;
    this.status = status;
    this.formula = formula;
    this.parameters = parameters;
    this.exampleValues = exampleValues;
    this.createdAt = createdAt;
  }

  /** Effective on {@code day}: status EFFECTIVE and the day inside its effective dates. */
  public boolean isEffectiveOn(LocalDate day) {
    return status == MethodologyStatus.EFFECTIVE
        && (effectiveFrom == null || !day.isBefore(effectiveFrom))
        && (effectiveTo == null || !day.isAfter(effectiveTo));
  }

  public void makeEffective(LocalDate from) {
    this.status = MethodologyStatus.EFFECTIVE;
    this.effectiveFrom = from;
  }

  public Long getId() { return id; }
  public String getCode() { return code; }
  public int getVersion() { return version; }
  public String getName() { return name; }
  public String getField() { return field; }
  public int getLevel() { return level; }
  public MethodologyStatus getStatus() { return status; }
  public LocalDate getEffectiveFrom() { return effectiveFrom; }
  public LocalDate getEffectiveTo() { return effectiveTo; }
  public String getFormula() { return formula; }
  public String getParameters() { return parameters; }
  public boolean isExampleValues() { return exampleValues; }
  public Instant getCreatedAt() { return createdAt; }
}
