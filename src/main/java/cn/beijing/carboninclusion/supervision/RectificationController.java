package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.identity.CaseScope;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Suspension and rectification of Class I projects. */
@RestController
@Tag(name = "暂停与整改 suspension and rectification")
class RectificationController {
  private final Rectifications rectifications;

  RectificationController(Rectifications rectifications) {
    this.rectifications = rectifications;
  }

  record Suspend(@NotNull FindingKind findingKind, @NotBlank @Size(max = 4000) String finding) {}

  record Report(@NotBlank @Size(max = 8000) String report, @NotBlank @Size(max = 4000) String evidence) {}

  @Operation(summary = "责令暂停并整改（生态环境局）")
  @PostMapping("/api/projects/{id}/suspensions")
  @PreAuthorize("hasAuthority('GROUP_bureau')")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> suspend(@PathVariable Long id, @Valid @RequestBody Suspend request) {
    Project project = rectifications.suspend(id, request.findingKind(), request.finding().trim());
    return Map.of("projectId", project.getId(), "message", "已责令暂停并整改");
  }

  @Operation(summary = "提交整改报告（项目开发方）")
  @PostMapping("/api/projects/{id}/rectification-reports")
  @CaseScope(kind = ProjectScope.KIND)
  @PreAuthorize("hasAuthority('GROUP_developer')")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> report(@PathVariable Long id, @Valid @RequestBody Report request) {
    Project project = rectifications.report(id, request.report().trim(), request.evidence().trim());
    return Map.of("projectId", project.getId(), "message", "整改报告已提交，待技术支撑单位核查");
  }
}
