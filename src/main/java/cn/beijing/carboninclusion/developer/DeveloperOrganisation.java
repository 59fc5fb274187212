package cn.beijing.carboninclusion.developer;

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
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/** 项目开发方: an enterprise, institution or social organisation that develops carbon inclusion projects. */
@Entity
@Table(name = "developer_organisation")
public class DeveloperOrganisation {

  public enum Kind { ENTERPRISE, INSTITUTION, SOCIAL_ORGANISATION }

  public enum Status { ACTIVE, BARRED, DEREGISTERED }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "credit_code", nullable = false, unique = true, updatable = false)
  private String creditCode;
  @Column(nullable = false)
  private String name;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Kind kind;
  @Column(name = "contact_email")
  @Convert(converter = PersonalText.class)
  private String contactEmail;
  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private Status status;
  @Column(name = "barred_until")
  private LocalDate barredUntil;
  @Column(name = "bar_reason")
  private String barReason;
  @Column(name = "created_at", nullable = false, updatable = false)
  private Instant createdAt;
  @Version
  @Column(name = "lock_version")
  private long lockVersion;

  protected DeveloperOrganisation() {}

  public DeveloperOrganisation(String creditCode, String name, Kind kind, String contactEmail, Instant createdAt) {
    this.creditCode = creditCode;
    this.name = name;
    this.kind = kind;
    this.contactEmail = contactEmail;
    this.status = Status.ACTIVE;
    this.createdAt = createdAt;
  }

  /** Active and not under a bar on {@code day} (a bar with an end date lapses after it). */
  public boolean mayFileOn(LocalDate day) {
    return switch (status) {
      case ACTIVE -> true;
      case BARRED -> barredUntil != null && day.isAfter(barredUntil);
      case DEREGISTERED -> false;
    };
  }

  public void bar(LocalDate until, String reason) {
    this.status = Status.BARRED;
    this.barredUntil = until;
    this.barReason = reason;
  }

  public Long getId() { return id; }
  public String getCreditCode() { return creditCode; }
  public String getName() { return name; }
  public Kind getKind() { return kind; }
  public String getContactEmail() { return contactEmail; }
  public Status getStatus() { return status; }
  public LocalDate getBarredUntil() { return barredUntil; }
  public String getBarReason() { return barReason; }
  public Instant getCreatedAt() { return createdAt; }
}
