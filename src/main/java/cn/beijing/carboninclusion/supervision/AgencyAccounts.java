package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.identity.Groups;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * An agency's accounts and its declared relationships with developers. The security administrator (三员分立: accounts
 * are theirs) links an account of the agency's group — {@code verifier} for a verifier, {@code auditor} for an audit
 * firm — to the agency; the authorities record relationships that make an agency not independent of a developer.
 */
@Service
public class AgencyAccounts {
  private final ServiceAgencies agencies;
  private final AgencyMembers members;
  private final AgencyRelationships relationships;
  private final DeveloperService developers;
  private final IdentityService identityService;
  private final CurrentUser currentUser;
  private final AuditTrail auditTrail;
  private final Clock clock;

  AgencyAccounts(ServiceAgencies agencies, AgencyMembers members, AgencyRelationships relationships,
      DeveloperService developers, IdentityService identityService, CurrentUser currentUser, AuditTrail auditTrail,
      Clock clock) {
    this.agencies = agencies;
    this.members = members;
    this.relationships = relationships;
    this.developers = developers;
    this.identityService = identityService;
    this.currentUser = currentUser;
    this.auditTrail = auditTrail;
    this.clock = clock;
  }

  /** Links an account to an agency (idempotent for the same agency; 409 for an account of another agency). */
  @Transactional
  public void link(Long agencyId, String userId, String by) {
    ServiceAgency agency = agencies.get(agencyId);
    String group = agency.getKind() == AgencyKind.VERIFIER ? Groups.VERIFIER : Groups.AUDITOR;
    if (identityService.createUserQuery().userId(userId).memberOfGroup(group).count() == 0) {
      throw new InvalidInputException("userId", "须为「" + agency.getKind().label() + "」组（" + group
          + "）的已有账号 (an existing account of group " + group + ")");
    }
    members.findById(userId).ifPresentOrElse(existing -> {
      if (!existing.getAgencyId().equals(agencyId)) {
        throw new ConflictException("该账号已属于其他服务机构 (account belongs to another agency): " + userId);
      }
    }, () -> {
      members.save(new AgencyMember(userId, agencyId, by, Instant.now(clock)));
      auditTrail.record(ServiceAgencies.CASE_TYPE, agencyId, "ACCOUNT_LINKED", null, null, "账号 " + userId);
    });
  }

  @Transactional(readOnly = true)
  public List<String> accountsOf(Long agencyId) {
    agencies.get(agencyId);
    return members.findByAgencyIdOrderByUserIdAsc(agencyId).stream().map(AgencyMember::getUserId).toList();
  }

  /** Records a relationship of an agency with a developer (409 when the same is already recorded). */
  @Transactional
  public AgencyRelationship declare(Long agencyId, Long developerId, AgencyRelationship.Kind kind, String note) {
    agencies.get(agencyId);
    developers.get(developerId);
    if (relationships.existsByAgencyIdAndDeveloperIdAndKind(agencyId, developerId, kind)) {
      throw new ConflictException("该关联关系已登记 (relationship already recorded)");
    }
    AgencyRelationship relationship = relationships.saveAndFlush(new AgencyRelationship(agencyId, developerId, kind,
        note == null || note.isBlank() ? null : note.strip(), currentUser.id(), Instant.now(clock)));
    auditTrail.record(ServiceAgencies.CASE_TYPE, agencyId, "RELATIONSHIP_DECLARED", null, kind.name(),
        "与开发方 " + developerId + "：" + kind.label());
    return relationship;
  }

  @Transactional(readOnly = true)
  List<AgencyRelationship> relationshipsOf(Long agencyId) {
    agencies.get(agencyId);
    return relationships.findByAgencyIdOrderByIdAsc(agencyId);
  }
}
