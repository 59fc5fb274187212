package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.identity.ConfidentialRead;
import cn.beijing.carboninclusion.identity.CaseScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Changes of registered projects (项目变更): filed by the developer, decided in {@code ProjectChange}. */
@RestController
@Tag(name = "项目变更 project changes")
@Transactional // each call and the view of its result in one transaction
class ProjectChangeController {
  private final ProjectChangeService service;
  private final ProjectChangeSteps steps;

  ProjectChangeController(ProjectChangeService service, ProjectChangeSteps steps) {
    this.service = service;
    this.steps = steps;
  }

  record ChangeView(Long id, Long projectId, ChangeKind kind, String kindLabel, ProjectChange.ChangeClass changeClass,
      ProjectChangeStatus status, String statusLabel, ChangeValues newValues, String reason, LocalDate effectiveFrom,
      String filedBy, Instant filedAt, String decidedBy, Instant decidedAt, String decisionComment) {}

  record VersionView(int versionNo, LocalDate effectiveFrom, Long developerId, String address,
      BigDecimal revenueReturnRatio, String revenuePlan, String participantScope, String monitoringPlan,
      String contactName, String contactPhone, String contactEmail, Long createdByChangeId, Instant createdAt) {
    static VersionView of(ProjectVersion v) {
      return new VersionView(v.getVersionNo(), v.getEffectiveFrom(), v.getDeveloperId(), v.getAddress(),
          v.getRevenueReturnRatio(), v.getRevenuePlan(), v.getParticipantScope(), v.getMonitoringPlan(),
          v.getContactName(), v.getContactPhone(), v.getContactEmail(), v.getCreatedByChangeId(), v.getCreatedAt());
    }
  }

  record ChangeLog(List<VersionView> versions, List<ChangeView> changes) {}

  record Answer(@NotNull Boolean accept, @Size(max = 2000) String comment) {}

  @Operation(summary = "申请项目变更（项目开发方；已登记或已暂停的一类项目）",
      description = "kind：CONTACT 联系方式、ADDRESS 地址（一般变更）；IMPLEMENTATION_PLAN 组织实施方案、REVENUE_SHARE 收益返还比例、"
          + "PARTICIPANT_SCOPE 参与者范围、MONITORING_PLAN 监测计划、DEVELOPER_TRANSFER 开发方变更（重大变更，分类由决策表 "
          + "ProjectChangeClassification 决定）。只填该类变更的字段；effectiveFrom 缺省为当日。")
  @PostMapping("/api/projects/{id}/changes")
  @PreAuthorize("hasAuthority('GROUP_developer')")
  @CaseScope(kind = ProjectScope.KIND)
  ResponseEntity<ChangeView> file(@PathVariable Long id, @Valid @RequestBody ProjectChangeRequest request) {
    ProjectChange change = service.file(id, request);
    return ResponseEntity.created(URI.create("/api/projects/" + id + "/changes/" + change.getId()))
        .body(view(change));
  }

  @Operation(summary = "项目的版本与变更记录（主管部门、项目开发方）")
  @ConfidentialRead(object = "PROJECT_VERSIONS", fields = "项目版本与变更（含联系人及联系方式）")
  @GetMapping("/api/projects/{id}/changes")
  ChangeLog changes(@PathVariable Long id) {
    return new ChangeLog(service.versionsOf(id).stream().map(VersionView::of).toList(),
        service.changesOf(id).stream().map(this::view).toList());
  }

  @Operation(summary = "受让方确认是否接受项目转让（受让开发方；也可在任务列表中办理）")
  @PostMapping("/api/projects/{id}/changes/{changeId}/acceptance")
  @PreAuthorize("hasAuthority('GROUP_developer')")
  @ResponseStatus(HttpStatus.ACCEPTED)
  ChangeView answer(@PathVariable Long id, @PathVariable Long changeId, @Valid @RequestBody Answer answer) {
    String comment = answer.comment() == null ? "" : answer.comment().trim();
    return view(service.answerTransfer(id, changeId, answer.accept(), comment));
  }

  private ChangeView view(ProjectChange c) {
    return new ChangeView(c.getId(), c.getProjectId(), c.getKind(), c.getKind().label(), c.getChangeClass(),
        c.getStatus(), c.getStatus().label(), steps.values(c), c.getReason(), c.getEffectiveFrom(), c.getFiledBy(),
        c.getFiledAt(), c.getDecidedBy(), c.getDecidedAt(), c.getDecisionComment());
  }
}
