package cn.beijing.carboninclusion.developer;

import cn.beijing.carboninclusion.identity.ConfidentialRead;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
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

  DeveloperController(DeveloperService developers) {
    this.developers = developers;
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
