package cn.beijing.carboninclusion.supervision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/** The signed audit report as the engaged audit firm uploaded it, with its SHA-256 (one per audit report). */
@Entity
@Table(name = "audit_report_document")
public class AuditReportDocument {
  @Id
  @Column(name = "audit_report_id")
  private Long auditReportId;
  @Column(name = "agency_id", nullable = false)
  private Long agencyId;
  @Column(nullable = false)
  private String filename;
  @Column(name = "content_type", nullable = false)
  private String contentType;
  @Column(name = "size_bytes", nullable = false)
  private long sizeBytes;
  @Column(nullable = false)
  private String sha256;
  @Column(nullable = false)
  private byte[] content;
  @Column(name = "uploaded_by", nullable = false)
  private String uploadedBy;
  @Column(name = "uploaded_at", nullable = false)
  private Instant uploadedAt;
  @Version
  @Column(name = "lock_version", nullable = false)
  private long lockVersion;

  protected AuditReportDocument() {}

  AuditReportDocument(Long auditReportId) {
    this.auditReportId = auditReportId;
  }

  void upload(Long agencyId, String filename, byte[] content, String sha256, String by, Instant at) {
    this.agencyId = agencyId;
    this.filename = filename;
    this.contentType = "application/pdf";
    this.content = content;
    this.sizeBytes = content.length;
    this.sha256 = sha256;
    this.uploadedBy = by;
    this.uploadedAt = at;
  }

  public Long getAuditReportId() { return auditReportId; }
  public Long getAgencyId() { return agencyId; }
  public String getFilename() { return filename; }
  public String getContentType() { return contentType; }
  public long getSizeBytes() { return sizeBytes; }
  public String getSha256() { return sha256; }
  public byte[] getContent() { return content; }
  public String getUploadedBy() { return uploadedBy; }
  public Instant getUploadedAt() { return uploadedAt; }
}
