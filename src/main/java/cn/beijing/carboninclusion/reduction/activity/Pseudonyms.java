package cn.beijing.carboninclusion.reduction.activity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import jakarta.persistence.EntityManager;
import org.springframework.stereotype.Component;

/**
 * The participants' pseudonyms: {@code HMAC-SHA256(project secret, UTF-8 participant_id)}, 64 lower-case hex digits.
 * The secret is the project's, made here at first use (32 bytes of {@link SecureRandom}) and kept encrypted
 * ({@link ParticipantSecret}); nobody outside the platform can compute or invert a pseudonym. docs/participants.md.
 */
@Component
class Pseudonyms {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final EntityManager entityManager;
  private final Clock clock;

  Pseudonyms(EntityManager entityManager, Clock clock) {
    this.entityManager = entityManager;
    this.clock = clock;
  }

  /** The pseudonym function of a project (inside a transaction: makes the project's secret if it has none). */
  Of of(Long projectId) {
    String secret = entityManager.createQuery(
            "select s.secret from ParticipantSecret s where s.projectId = :project", String.class)
        .setParameter("project", projectId).getResultStream().findFirst()
        .orElseGet(() -> {
          byte[] bytes = new byte[32];
          RANDOM.nextBytes(bytes);
          ParticipantSecret made = new ParticipantSecret(projectId, Base64.getEncoder().encodeToString(bytes),
              Instant.now(clock));
          entityManager.persist(made);
          entityManager.flush();
          return made.getSecret();
        });
    return new Of(Base64.getDecoder().decode(secret));
  }

  /** One project's pseudonym function; not thread-safe (one per upload). */
  static final class Of {
    private final Mac mac;

    Of(byte[] secret) {
      try {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    String of(String participantId) {
      return HexFormat.of().formatHex(mac.doFinal(participantId.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
