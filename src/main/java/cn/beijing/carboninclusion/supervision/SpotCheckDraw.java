package cn.beijing.carboninclusion.supervision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A year's draw of 双随机、一公开: the seed phrase, the seed derived from it ({@link SpotCheckSampling#seed}), the sizes
 * and digest of the population drawn from, the sample sizes, who drew it and when; completed when the results are
 * published.
 */
@Entity
@Table(name = "spot_check_draw")
class SpotCheckDraw {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "draw_year", nullable = false, updatable = false)
  private int year;
  @Column(name = "seed_phrase", nullable = false, updatable = false)
  private String seedPhrase;
  @Column(nullable = false, updatable = false)
  private String seed;
  @Column(name = "project_population", nullable = false, updatable = false)
  private int projectPopulation;
  @Column(name = "agency_population", nullable = false, updatable = false)
  private int agencyPopulation;
  @Column(name = "project_sample", nullable = false, updatable = false)
  private int projectSample;
  @Column(name = "agency_sample", nullable = false, updatable = false)
  private int agencySample;
  @Column(name = "population_digest", nullable = false, updatable = false)
  private String populationDigest;
  @Column(name = "drawn_at", nullable = false, updatable = false)
  private Instant drawnAt;
  @Column(name = "drawn_by", nullable = false, updatable = false)
  private String drawnBy;
  @Column(name = "process_instance_id", updatable = false)
  private String processInstanceId;
  @Column(name = "completed_at")
  private Instant completedAt;

  protected SpotCheckDraw() {}

  SpotCheckDraw(int year, String seedPhrase, String seed, int projectPopulation, int agencyPopulation,
      int projectSample, int agencySample, String populationDigest, Instant drawnAt, String drawnBy,
      String processInstanceId) {
    this.year = year;
    this.seedPhrase = seedPhrase;
    this.seed = seed;
    this.projectPopulation = projectPopulation;
    this.agencyPopulation = agencyPopulation;
    this.projectSample = projectSample;
    this.agencySample = agencySample;
    this.populationDigest = populationDigest;
    this.drawnAt = drawnAt;
    this.drawnBy = drawnBy;
    this.processInstanceId = processInstanceId;
  }

  void complete(Instant at) {
    this.completedAt = at;
  }

  Long getId() { return id; }
  int getYear() { return year; }
  String getSeedPhrase() { return seedPhrase; }
  String getSeed() { return seed; }
  int getProjectPopulation() { return projectPopulation; }
  int getAgencyPopulation() { return agencyPopulation; }
  int getProjectSample() { return projectSample; }
  int getAgencySample() { return agencySample; }
  String getPopulationDigest() { return populationDigest; }
  Instant getDrawnAt() { return drawnAt; }
  String getDrawnBy() { return drawnBy; }
  String getProcessInstanceId() { return processInstanceId; }
  Instant getCompletedAt() { return completedAt; }
}
