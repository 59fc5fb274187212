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
  @Column(name = "updated_at")
  private Instant updatedAt;
  @Column(updatable = false)
  private String proposer;
  @Column(name = "proposer_developer_id", updatable = false)
  private Long proposerDeveloperId;
  @Column(name = "proposed_level")
  private Short proposedLevel;
  private String applicability;
  @Column(name = "baseline_scenario")
  private String baselineScenario;
  @Column(name = "project_scenario")
  private String projectScenario;
  @Column(name = "monitoring_requirements")
  private String monitoringRequirements;
  @Column(name = "previous_version_id", updatable = false)
  private Long previousVersionId;
  @Column(name = "status_reason")
  private String statusReason;
  @Column(name = "published_at")
  private Instant publishedAt;
  @Column(name = "existing_projects")
  private String existingProjects;
  @Column(name = "issuance_stops_on")
  private LocalDate issuanceStopsOn;
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

  /**
   * Effective on {@code day}: EFFECTIVE (or under evaluation, which changes nothing yet, or REVISED — replaced by a
   * newer version from a date, until which it stays in force) and inside its dates.
   */
  public boolean isEffectiveOn(LocalDate day) {
    return (status == MethodologyStatus.EFFECTIVE || status == MethodologyStatus.UNDER_EVALUATION
        || status == MethodologyStatus.REVISED)
        && (effectiveFrom == null || !day.isBefore(effectiveFrom))
        && (effectiveTo == null || !day.isAfter(effectiveTo));
  }

  public void makeEffective(LocalDate from) {
    this.status = MethodologyStatus.EFFECTIVE;
    this.effectiveFrom = from;
  }

  /** The content of a proposal (方法学建议). */
  public void propose(String proposer, Long proposerDeveloperId, int proposedLevel, String applicability,
      String baselineScenario, String projectScenario, String monitoringRequirements, Long previousVersionId) {
    this.proposer = proposer;
    this.proposerDeveloperId = proposerDeveloperId;
    this.proposedLevel = (short) proposedLevel;
    this.applicability = applicability;
    this.baselineScenario = baselineScenario;
    this.projectScenario = projectScenario;
    this.monitoringRequirements = monitoringRequirements;
    this.previousVersionId = previousVersionId;
  }

  /** Changes the status (process steps only, through {@link MethodologyLifecycle}); returns the previous one. */
  MethodologyStatus moveTo(MethodologyStatus next, String reason, Instant at) {
    MethodologyStatus previous = status;
    status = next;
    statusReason = reason;
    updatedAt = at;
    return previous;
  }

  void publish(int level, LocalDate from, Instant at) {
    this.level = (short) level;
    this.effectiveFrom = from;
    this.publishedAt = at;
  }

  void changeLevel(int level) {
    if (level != 1 && level != 2) {
      throw new IllegalArgumentException("level must be 1 or 2");
    }
    this.level = (short) level;
  }

  /** The projects registered under this version: CONTINUE, or CLASS_TWO with no issuance from {@code stopsOn}. */
  void decideExistingProjects(String decision, LocalDate stopsOn) {
    if (!"CONTINUE".equals(decision) && !"CLASS_TWO".equals(decision)) {
      throw new IllegalArgumentException("existingProjects must be CONTINUE or CLASS_TWO");
    }
    if ("CLASS_TWO".equals(decision) != (stopsOn != null)) {
      throw new IllegalArgumentException("issuanceStopsOn goes with CLASS_TWO only");
    }
    this.existingProjects = decision;
    this.issuanceStopsOn = stopsOn;
  }

  /** Whether the bureau's evaluation decision stops issuance for projects under this version on {@code day}. */
  public boolean stopsIssuanceOn(LocalDate day) {
    return "CLASS_TWO".equals(existingProjects) && issuanceStopsOn != null && !day.isBefore(issuanceStopsOn);
  }

  /** Version {@code version} of this methodology at {@code level}, its content copied, effective from {@code from}. */
  Methodology nextVersion(int version, int level, LocalDate from, Instant at) {
    Methodology next = new Methodology(code, version, name, this.field, level, MethodologyStatus.EFFECTIVE, formula,
        parameters, exampleValues, at);
    next.propose(proposer, proposerDeveloperId, level, applicability, baselineScenario, projectScenario,
        monitoringRequirements, id);
    next.effectiveFrom = from;
    next.publishedAt = at;
    return next;
  }

  void endOn(LocalDate lastDay) {
    this.effectiveTo = lastDay;
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
  public Instant getUpdatedAt() { return updatedAt; }
  public String getProposer() { return proposer; }
  public Long getProposerDeveloperId() { return proposerDeveloperId; }
  public Integer getProposedLevel() { return proposedLevel == null ? null : proposedLevel.intValue(); }
  public String getApplicability() { return applicability; }
  public String getBaselineScenario() { return baselineScenario; }
  public String getProjectScenario() { return projectScenario; }
  public String getMonitoringRequirements() { return monitoringRequirements; }
  public Long getPreviousVersionId() { return previousVersionId; }
  public String getStatusReason() { return statusReason; }
  public Instant getPublishedAt() { return publishedAt; }
  public String getExistingProjects() { return existingProjects; }
  public LocalDate getIssuanceStopsOn() { return issuanceStopsOn; }
}
