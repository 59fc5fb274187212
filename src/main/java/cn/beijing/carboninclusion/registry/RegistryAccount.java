package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.common.InvalidInputException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An account of the registry. Its number is {@code BJCI-A-} and its id zero-padded to 8 digits; the number names no
 * one (the public sees the account's kind only).
 */
@Entity
@Table(name = "registry_account")
public class RegistryAccount {

  /** Who holds an account. */
  public enum Kind {
    /** A developer organisation, opened on its first issuance. */
    DEVELOPER,
    /** 北京绿色交易所: units received for trading. */
    EXCHANGE,
    /** A buyer on the exchange, opened by the exchange with its first trade report. */
    BUYER,
    /** Where retired (消纳) units rest. */
    RETIREMENT,
    /** Where administratively cancelled units rest. */
    CANCELLATION
  }

  static final String NUMBER_PREFIX = "BJCI-A-";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false, updatable = false)
  private Kind kind;
  @Column(name = "developer_id", updatable = false)
  private Long developerId;
  @Column(nullable = false)
  private String name;
  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;

  protected RegistryAccount() {}

  private RegistryAccount(Kind kind, Long developerId, String name, Instant createdAt) {
    this.kind = kind;
    this.developerId = developerId;
    this.name = name;
    this.createdAt = createdAt;
  }

  static RegistryAccount ofDeveloper(Long developerId, String name, Instant now) {
    return new RegistryAccount(Kind.DEVELOPER, developerId, name, now);
  }

  static RegistryAccount ofBuyer(String name, Instant now) {
    return new RegistryAccount(Kind.BUYER, null, name, now);
  }

  public static String number(Long id) {
    return NUMBER_PREFIX + String.format("%08d", id);
  }

  /** The id an account number names. */
  static Long idOf(String accountNo, String field) {
    if (accountNo == null || !accountNo.matches("BJCI-A-\\d{8,18}")) {
      throw new InvalidInputException(field, "不是有效的登记簿账户号 (expected BJCI-A-{8 digits}): " + accountNo);
    }
    return Long.parseLong(accountNo.substring(NUMBER_PREFIX.length()));
  }

  public String accountNo() { return number(id); }

  public Long getId() { return id; }
  public Kind getKind() { return kind; }
  public Long getDeveloperId() { return developerId; }
  public String getName() { return name; }
  public Instant getCreatedAt() { return createdAt; }
}
