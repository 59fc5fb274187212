package cn.beijing.carboninclusion.reduction;

import java.util.List;
import java.util.Optional;

/**
 * The service agencies as the reduction capability needs them to engage a verifier (核查机构): a port this module
 * declares and the supervision module, which keeps the agencies, their accounts, relationships, audit reports and bars,
 * implements (the dependency runs from supervision to reduction, never back).
 */
public interface Verifiers {

  /** A recorded agency: its name, whether it is a verifier and whether it is barred today. */
  record Agency(long id, String name, boolean verifier, boolean barred) {}

  Optional<Agency> agency(long agencyId);

  /** The accounts (user ids) linked to the agency. */
  List<String> accounts(long agencyId);

  /** The agency an account acts for, if it is an agency's account. */
  Optional<Long> agencyOf(String userId);

  /**
   * Why the agency may not verify this developer's project (a declared relationship with the developer; the
   * project's auditor), one reason each; empty when it may.
   */
  List<String> conflicts(long agencyId, long developerId, long projectId);
}
