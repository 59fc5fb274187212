package cn.beijing.carboninclusion.project;

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
import java.time.Instant;

/** A document of a project's application, stored with its SHA-256 so any later change is evident. */
@Entity
@Table(name = "project_document")
public class ProjectDocument {

  /** 项目设计文件, 组织实施方案 (with public-interest commitment and revenue plan), 补正材料, other. */
  public enum Kind {
    DESIGN_DOCUMENT("项目设计文件"), IMPLEMENTATION_PLAN("组织实施方案"), SUPPLEMENT("补正材料"), OTHER("其他材料");

    private final String label;

    Kind(String label) { this.label = label; }

    public String label() { return label; }
  }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "project_id", nullable = false, updatable = false)
  private Long projectId;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Kind kind;
  @Column(nullable = false, updatable = false)
  private String filename;
  @Column(name = "content_type", nullable = false, updatable = false)
  private String contentType;
  @Column(name = "size_bytes", nullable = false, updatable = false)
  private long sizeBytes;
  @Column(nullable = false, updatable = false)
  private String sha256;
  @Basic(fetch = FetchType.LAZY)
  @Column(nullable = false, updatable = false)
  private byte[] content;
  @Column(name = "uploaded_by", nullable = false, updatable = false)
  private String uploadedBy;
  @Column(name = "uploaded_at", nullable = false, updatable = false)
  private Instant uploadedAt;

  protected ProjectDocument() {}

  public ProjectDocument(Long projectId, Kind kind, String filename, String contentType, byte[] content,
      String sha256, String uploadedBy, Instant uploadedAt) {
    this.projectId = projectId;
    this.kind = kind;
    this.filename = filename;
    this.contentType = contentType;
    this.content = content;
    this.sizeBytes = content.length;
    this.sha256 = sha256;
    this.uploadedBy = uploadedBy;
    this.uploadedAt = uploadedAt;
  }

  public Long getId() { return id; }
  public Long getProjectId() { return projectId; }
  public Kind getKind() { return kind; }
  public String getFilename() { return filename; }
  public String getContentType() { return contentType; }
  public long getSizeBytes() { return sizeBytes; }
  public String getSha256() { return sha256; }
  public byte[] getContent() { return content; }
  public String getUploadedBy() { return uploadedBy; }
  public Instant getUploadedAt() { return uploadedAt; }
}
