package cn.beijing.carboninclusion.disclosure;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One published item of the public disclosure feed (信息公开): what was published about which record, when. */
@Entity
@Table(name = "disclosure_entry")
public class DisclosureEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "subject_type", nullable = false, updatable = false)
  private String subjectType;
  @Column(name = "subject_id", nullable = false, updatable = false)
  private Long subjectId;
  @Column(nullable = false, updatable = false)
  private String kind;
  @Column(nullable = false, updatable = false)
  private String title;
  @Column(updatable = false)
  private String body;
  @Column(name = "published_at", nullable = false, updatable = false)
  private Instant publishedAt;
  @Column(name = "event_id", updatable = false)
  private UUID eventId;

  protected DisclosureEntry() {}

  DisclosureEntry(UUID eventId, String subjectType, Long subjectId, String kind, String title, String body,
      Instant publishedAt) {
    this.eventId = eventId;
    this.subjectType = subjectType;
    this.subjectId = subjectId;
    this.kind = kind;
    this.title = title;
    this.body = body;
    this.publishedAt = publishedAt;
  }

  public Long getId() { return id; }
  public String getSubjectType() { return subjectType; }
  public Long getSubjectId() { return subjectId; }
  public String getKind() { return kind; }
  public String getTitle() { return title; }
  public String getBody() { return body; }
  public Instant getPublishedAt() { return publishedAt; }
}
