package cn.beijing.carboninclusion.developer;

import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.identity.ConfidentialRead;
import cn.beijing.carboninclusion.identity.Groups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Developer organisations: registered by the bureau, read by their own accounts and the authorities. */
@RestController
@RequestMapping("/api/developers")
@Tag(name = "项目开发方 developers")
class DeveloperController {
  private final DeveloperService developers;
  private final IdentityService identityService;
  private final EngineAsPlatform engine;

  DeveloperController(DeveloperService developers, IdentityService identityService, EngineAsPlatform engine) {
    this.developers = developers;
    this.identityService = identityService;
    this.engine = engine;
  }

  record RegisterDeveloper(
      @NotBlank @UnifiedSocialCreditCode String creditCode,
      @NotBlank @Size(max = 200) String name,
      @NotNull DeveloperOrganisation.Kind kind,
      @Email @Size(max = 200) String contactEmail) {}

  record DeveloperView(Long id, String creditCode, String name, DeveloperOrganisation.Kind kind,
      DeveloperOrganisation.Status status, String contactEmail) {
    static DeveloperView of(DeveloperOrganisation o) {
      return new DeveloperView(o.getId(), o.getCreditCode(), o.getName(), o.getKind(), o.getStatus(),
          o.getContactEmail());
    }
  }

  @Operation(summary = "登记项目开发方 (bureau)")
  @PostMapping
  @PreAuthorize("hasAuthority('GROUP_bureau')")
  ResponseEntity<DeveloperView> register(@Valid @RequestBody RegisterDeveloper request) {
    DeveloperOrganisation organisation = developers.register(request.creditCode(), request.name(), request.kind(),
        request.contactEmail());
    return ResponseEntity.created(URI.create("/api/developers/" + organisation.getId()))
        .body(DeveloperView.of(organisation));
  }

  record LinkMember(@NotBlank @Size(max = 255) String userId) {}

  record MemberView(String userId, Long organisationId) {}

  /**
   * The link of an account of group {@code developer} to the organisation it acts for: the platform's, whichever
   * identity provider holds the account — with a directory (profile ldap) the account and its group membership are
   * the directory's, and this link is how the bureau says for whom it files.
   */
  @Operation(summary = "将项目开发方账号关联到开发方 (bureau)")
  @PostMapping("/{id}/members")
  @PreAuthorize("hasAuthority('GROUP_bureau')")
  MemberView link(@PathVariable Long id, @Valid @RequestBody LinkMember request) {
    boolean developerAccount = engine.call(() -> identityService.createUserQuery().userId(request.userId())
        .memberOfGroup(Groups.DEVELOPER).count() > 0);
    if (!developerAccount) {
      throw new InvalidInputException("userId", "不是项目开发方组（developer）的账号 (not an account of group developer)");
    }
    DeveloperMember member = developers.addMember(id, request.userId());
    return new MemberView(member.getUserId(), member.getOrganisationId());
  }

  @Operation(summary = "本账号所属的项目开发方")
  @GetMapping("/me")
  DeveloperView me() {
    return DeveloperView.of(developers.currentOrganisation());
  }

  @Operation(summary = "查看项目开发方 (authorities: any; developers: their own)")
  @ConfidentialRead(object = "DEVELOPER", fields = "联系人及联系方式")
  @GetMapping("/{id}")
  DeveloperView get(@PathVariable Long id) {
    return DeveloperView.of(developers.visibleTo(id));
  }
}
