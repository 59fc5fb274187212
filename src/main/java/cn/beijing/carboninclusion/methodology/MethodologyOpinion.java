package cn.beijing.carboninclusion.methodology;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** 专家评审意见: one expert's opinion on one methodology version. */
@Entity
@Table(name = "methodology_opinion")
public class MethodologyOpinion {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "methodology_id", nullable = false, updatable = false)
  private Long methodologyId;
  @Column(nullable = false, updatable = false)
  private String expert;
  @Column(nullable = false, updatable = false)
  private String opinion;
  @Column(nullable = false, updatable = false)
  private String comment;
  @Column(name = "given_at", nullable = false, updatable = false)
  private Instant givenAt;

  protected MethodologyOpinion() {}

  public MethodologyOpinion(Long methodologyId, String expert, String opinion, String comment, Instant givenAt) {
    this.methodologyId = methodologyId;
    this.expert = expert;
    this.opinion = opinion;
    this.comment = comment;
    this.givenAt = givenAt;
  }

  public Long getMethodologyId() { return methodologyId; }
  public String getExpert() { return expert; }
  public String getOpinion() { return opinion; }
  public String getComment() { return comment; }
  public Instant getGivenAt() { return givenAt; }
}
