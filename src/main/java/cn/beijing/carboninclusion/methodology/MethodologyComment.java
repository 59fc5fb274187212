package cn.beijing.carboninclusion.methodology;

import cn.beijing.carboninclusion.crypto.PersonalText;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** 征求意见: a public comment on a methodology during its comment period (the commenter stays confidential). */
@Entity
@Table(name = "methodology_comment")
public class MethodologyComment {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "methodology_id", nullable = false, updatable = false)
  private Long methodologyId;
  @Column(name = "commenter_name", updatable = false)
  @Convert(converter = PersonalText.class)
  private String commenterName;
  @Column(updatable = false)
  @Convert(converter = PersonalText.class)
  private String contact;
  @Column(nullable = false, updatable = false)
  private String content;
  @Column(name = "filed_at", nullable = false, updatable = false)
  private Instant filedAt;

  protected MethodologyComment() {}

  public MethodologyComment(Long methodologyId, String commenterName, String contact, String content,
      Instant filedAt) {
    this.methodologyId = methodologyId;
    this.commenterName = commenterName;
    this.contact = contact;
    this.content = content;
    this.filedAt = filedAt;
  }

  public Long getId() { return id; }
  public Long getMethodologyId() { return methodologyId; }
  public String getContent() { return content; }
  public Instant getFiledAt() { return filedAt; }
}
