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
import java.util.Optional;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The participants' pseudonyms: {@code HMAC-SHA256(project secret, UTF-8 participant_id)}, 64 lower-case hex digits.
 * The secret is the project's, made here at first use (32 bytes of {@link SecureRandom}) and kept encrypted
 * ({@link ParticipantSecret}); nobody outside the platform can compute or invert a pseudonym. docs/participants.md.
 *
 * <p>The secret is made in a transaction of its own, committed at once: two first uploads of a project that run at
 * the same time (two applications, two nodes) agree on one secret — the second insert meets the unique key, and the
 * loser reads the winner's — and an upload that fails afterwards does not take the secret back with it, so the
 * pseudonyms another upload already computed under it stay valid.
 */
@Component
class Pseudonyms {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final EntityManager entityManager;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  Pseudonyms(EntityManager entityManager, Clock clock, PlatformTransactionManager transactions) {
    this.entityManager = entityManager;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /** The pseudonym function of a project; makes and commits the project's secret if it has none. */
  Of of(Long projectId) {
    String secret = stored(projectId).orElseGet(() -> {
      try {
        return ownTransaction.execute(status -> stored(projectId).orElseGet(() -> make(projectId)));
      } catch (DataIntegrityViolationException | PersistenceException madeAtTheSameTime) {
        // another upload made the project's secret between our read and our insert (the unique key on project_id
        // refused ours, after waiting for its commit): read the one that won
        return ownTransaction.execute(status -> stored(projectId)).orElseThrow(() -> madeAtTheSameTime);
      }
    });
    return new Of(Base64.getDecoder().decode(secret));
  }

  private Optional<String> stored(Long projectId) {
    return entityManager.createQuery(
            "select s.secret from ParticipantSecret s where s.projectId = :project", String.class)
        .setParameter("project", projectId).getResultStream().findFirst();
  }

  private String make(Long projectId) {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    ParticipantSecret made = new ParticipantSecret(projectId, Base64.getEncoder().encodeToString(bytes),
        Instant.now(clock));
    entityManager.persist(made);
    entityManager.flush();
    return made.getSecret();
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
