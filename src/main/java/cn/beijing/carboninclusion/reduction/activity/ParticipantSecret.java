package cn.beijing.carboninclusion.reduction.activity;

import cn.beijing.carboninclusion.crypto.PersonalText;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A project's secret of the participant pseudonyms (base64 of 32 random bytes), made by the platform at the
 * project's first activity upload and stored SM4-GCM encrypted ({@link PersonalText}); docs/participants.md.
 */
@Entity
@Table(name = "participant_secret")
class ParticipantSecret {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "project_id", nullable = false, updatable = false)
  private Long projectId;

  @Convert(converter = PersonalText.class)
  @Column(nullable = false, updatable = false)
  private String secret;

  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected ParticipantSecret() {}

  ParticipantSecret(Long projectId, String secret, Instant createdAt) {
    this.projectId = projectId;
    this.secret = secret;
    this.createdAt = createdAt;
  }

  Long getProjectId() { return projectId; }

  String getSecret() { return secret; }
}
