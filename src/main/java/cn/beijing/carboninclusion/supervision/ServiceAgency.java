package cn.beijing.carboninclusion.supervision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** 服务机构: an audit agency or a verifier, known by its unified social credit code. */
@Entity
@Table(name = "service_agency")
public class ServiceAgency {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "credit_code", nullable = false, unique = true, updatable = false)
  private String creditCode;
  @Column(nullable = false, updatable = false)
  private String name;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private AgencyKind kind;
  @Column(name = "created_by", nullable = false, updatable = false)
  private String createdBy;
  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected ServiceAgency() {}

  public ServiceAgency(String creditCode, String name, AgencyKind kind, String createdBy, Instant createdAt) {
    this.creditCode = creditCode;
    this.name = name;
    this.kind = kind;
    this.createdBy = createdBy;
    this.createdAt = createdAt;
  }

  public Long getId() { return id; }
  public String getCreditCode() { return creditCode; }
  public String getName() { return name; }
  public AgencyKind getKind() { return kind; }
  public String getCreatedBy() { return createdBy; }
  public Instant getCreatedAt() { return createdAt; }
}
