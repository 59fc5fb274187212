package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.decision.ConflictDeclaration;
import cn.beijing.carboninclusion.decision.ConflictDeclarations;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Reviewers declare conflicts of interest with developer organisations; their tasks are then refused to them. */
@RestController
@RequestMapping("/api/conflicts")
@Tag(name = "利益冲突 conflicts of interest")
@PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter')")
class ConflictController {
  private final ConflictDeclarations declarations;
  private final DeveloperService developers;
  private final CurrentUser currentUser;
  private final AuditTrail auditTrail;
  private final Clock clock;

  ConflictController(ConflictDeclarations declarations, DeveloperService developers, CurrentUser currentUser,
      AuditTrail auditTrail, Clock clock) {
    this.declarations = declarations;
    this.developers = developers;
    this.currentUser = currentUser;
    this.auditTrail = auditTrail;
    this.clock = clock;
  }

  record Declare(@NotNull Long developerId, @NotBlank @Size(max = 1000) String reason) {}

  record DeclarationView(Long id, Long developerId, String developerName, String reason, Instant declaredAt) {}

  @Operation(summary = "申报与项目开发方的利益冲突（本人）")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  @Transactional
  DeclarationView declare(@Valid @RequestBody Declare request) {
    String user = currentUser.id();
    String developerName = developers.get(request.developerId()).getName();
    if (declarations.existsByUserIdAndDeveloperId(user, request.developerId())) {
      throw new ConflictException("已申报过与该开发方的利益冲突 (already declared)");
    }
    ConflictDeclaration declaration = declarations.saveAndFlush(new ConflictDeclaration(user, request.developerId(),
        request.reason().trim(), Instant.now(clock)));
    auditTrail.record("DEVELOPER", request.developerId(), "CONFLICT_DECLARED", null, null,
        user + " 申报利益冲突：" + request.reason().trim());
    return new DeclarationView(declaration.getId(), request.developerId(), developerName, declaration.getReason(),
        declaration.getDeclaredAt());
  }

  @Operation(summary = "本人申报的利益冲突")
  @GetMapping
  List<DeclarationView> mine() {
    return declarations.findByUserIdOrderByIdAsc(currentUser.id()).stream()
        .map(d -> new DeclarationView(d.getId(), d.getDeveloperId(), developers.get(d.getDeveloperId()).getName(),
            d.getReason(), d.getDeclaredAt())).toList();
  }
}
