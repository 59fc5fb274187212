package cn.beijing.carboninclusion.common;

/**
 * Port: the security audit (安全审计), written by whichever capability sees a security-relevant event — a login, a
 * refusal, a change of accounts, groups, authorizations, models or rules, an export, a confidential read. The identity
 * module keeps it (append-only, hash-chained); who and from where are taken from the request being served.
 */
public interface SecurityAudit {
  /** What happened, in the audit's words. */
  enum Event {
    LOGIN_SUCCEEDED, LOGIN_FAILED, ACCOUNT_LOCKED, ACCOUNT_UNLOCKED, LOGOUT, ACCESS_REFUSED,
    USER_CHANGED, GROUP_CHANGED, MEMBERSHIP_CHANGED, AUTHORIZATION_CHANGED, MODEL_DEPLOYED, MODEL_DELETED,
    EXPORT, CONFIDENTIAL_READ, AUDIT_PURGED, SECOND_FACTOR_CHANGED, TOKEN_ISSUED, TOKEN_REVOKED,
    ACCESS_CONTROL_SEALED, HOLIDAY_SCHEDULE_UPLOADED
  }

  /** Whether it went through. */
  enum Outcome { SUCCESS, FAILURE, REFUSED }

  /** Records the event for the current request's user and address ({@code userId} when the request has none). */
  void record(Event event, String userId, String object, Outcome outcome, String detail);
}
