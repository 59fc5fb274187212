package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.crypto.PersonalText;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** 异议: an objection to a project filed during its publicity. The objector's name and contact stay confidential. */
@Entity
@Table(name = "objection")
public class Objection {

  public enum Status { OPEN, UPHELD, DISMISSED }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "project_id", nullable = false, updatable = false)
  private Long projectId;
  @Column(name = "objector_name", updatable = false)
  @Convert(converter = PersonalText.class)
  private String objectorName;
  @Column(updatable = false)
  @Convert(converter = PersonalText.class)
  private String contact;
  @Column(nullable = false, updatable = false)
  private String content;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;
  private String response;
  @Column(name = "filed_at", nullable = false, updatable = false)
  private Instant filedAt;
  @Column(name = "decided_at")
  private Instant decidedAt;

  protected Objection() {}

  public Objection(Long projectId, String objectorName, String contact, String content, Instant filedAt) {
    this.projectId = projectId;
    this.objectorName = objectorName;
    this.contact = contact;
    this.content = content;
    this.status = Status.OPEN;
    this.filedAt = filedAt;
  }

  void decide(boolean upheld, String response, Instant at) {
    this.status = upheld ? Status.UPHELD : Status.DISMISSED;
    this.response = response;
    this.decidedAt = at;
  }

  public Long getId() { return id; }
  public Long getProjectId() { return projectId; }
  public String getObjectorName() { return objectorName; }
  public String getContact() { return contact; }
  public String getContent() { return content; }
  public Status getStatus() { return status; }
  public String getResponse() { return response; }
  public Instant getFiledAt() { return filedAt; }
  public Instant getDecidedAt() { return decidedAt; }
}
