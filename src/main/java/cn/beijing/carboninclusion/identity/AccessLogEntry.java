package cn.beijing.carboninclusion.identity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One read of confidential fields by staff: who, when, from where, what, and the outcome (an HTTP status). */
@Entity
@Table(name = "access_log")
public class AccessLogEntry {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "read_at", nullable = false, updatable = false)
  private Instant readAt;
  @Column(name = "user_id", nullable = false, updatable = false)
  private String userId;
  @Column(name = "user_groups", nullable = false, updatable = false)
  private String userGroups;
  @Column(name = "object_type", nullable = false, updatable = false)
  private String objectType;
  @Column(name = "object_ref", nullable = false, updatable = false)
  private String objectRef;
  @Column(nullable = false, updatable = false)
  private String fields;
  @Column(nullable = false, updatable = false)
  private String request;
  @Column(nullable = false, updatable = false)
  private int outcome;
  @Column(name = "source_address", updatable = false)
  private String sourceAddress;

  protected AccessLogEntry() {}

  AccessLogEntry(Instant readAt, String userId, String userGroups, String objectType, String objectRef, String fields,
      String request, int outcome, String sourceAddress) {
    this.readAt = readAt;
    this.userId = userId;
    this.userGroups = userGroups;
    this.objectType = objectType;
    this.objectRef = objectRef;
    this.fields = fields;
    this.request = request;
    this.outcome = outcome;
    this.sourceAddress = sourceAddress;
  }

  public Long getId() { return id; }
  public Instant getReadAt() { return readAt; }
  public String getUserId() { return userId; }
  public String getUserGroups() { return userGroups; }
  public String getObjectType() { return objectType; }
  public String getObjectRef() { return objectRef; }
  public String getFields() { return fields; }
  public String getRequest() { return request; }
  public int getOutcome() { return outcome; }
  public String getSourceAddress() { return sourceAddress; }
}
