package cn.beijing.carboninclusion.reduction;

import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * 核查报告: the document the engaged verifier filed for a reduction application (as filed, with its SHA-256) and, once
 * the verification task is completed, the verifier's conclusions from its form.
 */
@Entity
@Table(name = "verification_report")
public class VerificationReport {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "application_id", nullable = false, updatable = false)
  private Long applicationId;
  @Column(name = "agency_id", nullable = false, updatable = false)
  private Long agencyId;
  @Column(nullable = false)
  private String filename;
  @Column(name = "content_type", nullable = false)
  private String contentType;
  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;
  @Column(nullable = false)
  private String sha256;
  @Basic(fetch = FetchType.LAZY)
  @Column(nullable = false)
  private byte[] content;
  @Column(name = "uploaded_by", nullable = false)
  private String uploadedBy;
  @Column(name = "uploaded_at", nullable = false)
  private Instant uploadedAt;
  @Enumerated(EnumType.STRING)
  private VerificationOpinion opinion;
  @Column(name = "verified_tco2e", precision = 18, scale = 4)
  private BigDecimal verifiedTco2e;
  private String comment;
  @Column(name = "concluded_by")
  private String concludedBy;
  @Column(name = "concluded_at")
  private Instant concludedAt;
  @Version
  @Column(name = "lock_version")
  private long lockVersion;

  protected VerificationReport() {}

  VerificationReport(Long applicationId, Long agencyId) {
    this.applicationId = applicationId;
    this.agencyId = agencyId;
  }

  /** The document as filed (a new filing before the conclusion replaces the previous one). */
  void file(String filename, String contentType, byte[] content, String sha256, String by, Instant at) {
    this.filename = filename;
    this.contentType = contentType;
    this.content = content;
    this.sizeBytes = content.length;
    this.sha256 = sha256;
    this.uploadedBy = by;
    this.uploadedAt = at;
  }

  void conclude(VerificationOpinion opinion, BigDecimal verifiedTco2e, String comment, String by, Instant at) {
    this.opinion = opinion;
    this.verifiedTco2e = verifiedTco2e;
    this.comment = comment;
    this.concludedBy = by;
    this.concludedAt = at;
  }

  public Long getId() { return id; }
  public Long getApplicationId() { return applicationId; }
  public Long getAgencyId() { return agencyId; }
  public String getFilename() { return filename; }
  public String getContentType() { return contentType; }
  public long getSizeBytes() { return sizeBytes; }
  public String getSha256() { return sha256; }
  public byte[] getContent() { return content; }
  public String getUploadedBy() { return uploadedBy; }
  public Instant getUploadedAt() { return uploadedAt; }
  public VerificationOpinion getOpinion() { return opinion; }
  public BigDecimal getVerifiedTco2e() { return verifiedTco2e; }
  public String getComment() { return comment; }
  public String getConcludedBy() { return concludedBy; }
  public Instant getConcludedAt() { return concludedAt; }
}
