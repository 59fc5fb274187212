package cn.beijing.carboninclusion.developer;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.ForbiddenException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.identity.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Developer organisations and the accounts acting for them. */
@Service
public class DeveloperService {
  public static final String CASE_TYPE = "DEVELOPER";

  private final DeveloperOrganisations organisations;
  private final DeveloperMembers members;
  private final AuditTrail auditTrail;
  private final CurrentUser currentUser;
  private final Clock clock;

  public DeveloperService(DeveloperOrganisations organisations, DeveloperMembers members, AuditTrail auditTrail,
      CurrentUser currentUser, Clock clock) {
    this.organisations = organisations;
    this.members = members;
    this.auditTrail = auditTrail;
    this.currentUser = currentUser;
    this.clock = clock;
  }

  /** Registers an organisation on the platform (the bureau's act). A credit code registers once. */
  @Transactional
  public DeveloperOrganisation register(String creditCode, String name, DeveloperOrganisation.Kind kind,
      String contactEmail) {
    if (organisations.existsByCreditCode(creditCode)) {
      throw new ConflictException("该统一社会信用代码已登记 (credit code already registered): " + creditCode);
    }
    DeveloperOrganisation organisation = organisations.saveAndFlush(
        new DeveloperOrganisation(creditCode, name, kind, contactEmail, Instant.now(clock)));
    auditTrail.record(CASE_TYPE, organisation.getId(), "REGISTER", null, organisation.getStatus().name(), null);
    return organisation;
  }

  /** Links a user account to the organisation it acts for (idempotent for the same organisation). */
  @Transactional
  public DeveloperMember addMember(Long organisationId, String userId) {
    DeveloperOrganisation organisation = get(organisationId);
    Optional<DeveloperMember> existing = members.findById(userId);
    if (existing.isPresent()) {
      if (!existing.get().getOrganisationId().equals(organisation.getId())) {
        throw new ConflictException("该账号已属于其他开发方 (account belongs to another developer): " + userId);
      }
      return existing.get();
    }
    return members.save(new DeveloperMember(userId, organisation.getId()));
  }

  @Transactional(readOnly = true)
  public DeveloperOrganisation get(Long id) {
    return organisations.findById(id).orElseThrow(() -> new NotFoundException("developer", id));
  }

  /** The organisation a user acts for, if the user is a developer account. */
  @Transactional(readOnly = true)
  public Optional<DeveloperOrganisation> organisationOf(String userId) {
    return members.findById(userId).flatMap(m -> organisations.findById(m.getOrganisationId()));
  }

  /** The caller's own organisation; refuses callers that are not developer accounts. */
  @Transactional(readOnly = true)
  public DeveloperOrganisation currentOrganisation() {
    String userId = currentUser.id();
    return organisationOf(userId)
        .orElseThrow(() -> new ForbiddenException("该账号不属于任何项目开发方 (not a developer account): " + userId));
  }

  /** An organisation as the caller may see it: authorities see every one, developers only their own. */
  @Transactional(readOnly = true)
  public DeveloperOrganisation visibleTo(Long id) {
    DeveloperOrganisation organisation = get(id);
    if (currentUser.isAuthority()) {
      return organisation;
    }
    Optional<DeveloperOrganisation> own = organisationOf(currentUser.id());
    if (own.isEmpty() || !own.get().getId().equals(id)) {
      throw new NotFoundException("developer", id);
    }
    return organisation;
  }
}
