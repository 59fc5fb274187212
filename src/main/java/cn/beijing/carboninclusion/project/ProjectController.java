package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.AuditEntry;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.CaseCheck;
import cn.beijing.carboninclusion.common.CaseChecks;
import cn.beijing.carboninclusion.common.IdempotencyKeys;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.PublicPage;
import cn.beijing.carboninclusion.identity.CaseScope;
import cn.beijing.carboninclusion.identity.ConfidentialRead;
import cn.beijing.carboninclusion.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Projects through the platform API: developers file and follow their own; the authorities read every one. */
@RestController
@RequestMapping("/api/projects")
@Tag(name = "项目 projects")
@Transactional // each call and the view of its result in one transaction
class ProjectController {
  static final long MAX_DOCUMENT_BYTES = 20L * 1024 * 1024;

  private final ProjectApplications applications;
  private final ProjectDocuments documents;
  private final CaseChecks checks;
  private final AuditTrail auditTrail;
  private final Objections objections;
  private final CurrentUser currentUser;

  ProjectController(ProjectApplications applications, ProjectDocuments documents, CaseChecks checks,
      AuditTrail auditTrail, Objections objections, CurrentUser currentUser) {
    this.currentUser = currentUser;
    this.applications = applications;
    this.documents = documents;
    this.checks = checks;
    this.auditTrail = auditTrail;
    this.objections = objections;
  }

  record ProjectSummary(Long id, String name, ProjectClass projectClass, ProjectStatus status, String statusLabel,
      String registrationNo, String district, LocalDate publicityEnd, Instant updatedAt) {
    static ProjectSummary of(Project p) {
      return new ProjectSummary(p.getId(), p.getName(), p.getProjectClass(), p.getStatus(), p.getStatus().label(),
          p.getRegistrationNo(), p.getDistrict(), p.getPublicityEnd(), p.getUpdatedAt());
    }
  }

  record IdentifierView(String scheme, String identifier, boolean alreadyCredited) {}

  record CheckView(String check, CaseCheck.Outcome outcome, String detail, Instant checkedAt) {}

  record AuditView(String action, String fromStatus, String toStatus, String actor, Instant at, String reason) {}

  record ObjectionView(Long id, Instant filedAt, String content, Objection.Status status, String response) {}

  record ProjectDetail(Long id, String name, ProjectClass projectClass, ProjectStatus status, String statusLabel,
      String statusReason, String registrationNo, Long methodologyId, Long developerId, String district,
      String address, BigDecimal latitude, BigDecimal longitude, String description, LocalDate creditingStart,
      LocalDate creditingEnd, BigDecimal revenueReturnRatio, LocalDate publicityStart, LocalDate publicityEnd, int supplementRounds,
      Instant createdAt, Instant registeredAt, List<IdentifierView> identifiers, List<CheckView> checks,
      List<ProjectDocuments.Info> documents, List<ObjectionView> objections, List<AuditView> history) {}

  @Operation(summary = "提交项目申请（一类：登记申请，启动公示与登记流程；二类：备案）",
      description = "multipart/form-data：application（JSON）、designDocument 项目设计文件、implementationPlan 组织实施方案"
          + "（一类项目必需）、attachments 其他材料。可带 Idempotency-Key 头防止重复提交。")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @PreAuthorize("hasAuthority('GROUP_developer')")
  ResponseEntity<ProjectDetail> apply(
      @Valid @RequestPart("application") ProjectApplicationRequest application,
      @RequestPart(name = "designDocument", required = false) MultipartFile designDocument,
      @RequestPart(name = "implementationPlan", required = false) MultipartFile implementationPlan,
      @RequestPart(name = "attachments", required = false) List<MultipartFile> attachments,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    List<UploadedFile> files = new ArrayList<>();
    add(files, "designDocument", designDocument);
    add(files, "implementationPlan", implementationPlan);
    if (attachments != null) {
      attachments.forEach(a -> add(files, "attachments", a));
    }
    Project project = applications.apply(application, files, IdempotencyKeys.validated(idempotencyKey));
    return ResponseEntity.created(URI.create("/api/projects/" + project.getId())).body(detail(project));
  }

  @Operation(summary = "我可查看的项目（开发方：本单位的；生态环境局、技术中心：全部），最新在前，可按状态筛选；分页（page 从 0 起，"
      + "size ≤ 200），符合条件的总数见 X-Total-Count 头")
  @ApiResponse(responseCode = "200", description = "本页的项目", headers = @Header(name = PublicPage.TOTAL_COUNT,
      description = "符合条件的项目总数（各页合计）", schema = @Schema(type = "integer")))
  @GetMapping
  ResponseEntity<List<ProjectSummary>> list(@RequestParam(required = false) ProjectStatus status,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    return PublicPage.answer(applications.visibleProjects(status, PublicPage.of(page, size)).map(ProjectSummary::of));
  }

  @Operation(summary = "项目详情：状态、自动核查结果、材料、异议、办理记录")
  @ConfidentialRead(object = "PROJECT", fields = "申请材料、联系人及联系方式、收益分配")
  @GetMapping("/{id}")
  ProjectDetail get(@PathVariable Long id) {
    return detail(applications.visible(id));
  }

  @Operation(summary = "下载申请材料")
  @ConfidentialRead(object = "PROJECT_DOCUMENT", fields = "申请文件内容")
  @GetMapping("/{id}/documents/{documentId}")
  ResponseEntity<byte[]> document(@PathVariable Long id, @PathVariable Long documentId) {
    ProjectDocument document = applications.document(id, documentId);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(document.getContentType()))
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
            .filename(document.getFilename(), StandardCharsets.UTF_8).build().toString())
        .header("X-Content-SHA256", document.getSha256())
        .body(document.getContent());
  }

  @Operation(summary = "提交补正材料（开发方）")
  @PostMapping(value = "/{id}/supplements", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @PreAuthorize("hasAuthority('GROUP_developer')")
  @CaseScope(kind = ProjectScope.KIND)
  ProjectDetail supplement(@PathVariable Long id, @RequestPart("note") String note,
      @RequestPart(name = "supplement", required = false) List<MultipartFile> supplement) {
    if (note == null || note.isBlank() || note.length() > 4000) {
      throw new InvalidInputException("note", "补正说明须为 1 至 4000 字 (1 to 4000 characters)");
    }
    List<UploadedFile> files = new ArrayList<>();
    if (supplement != null) {
      supplement.forEach(f -> add(files, "supplement", f));
    }
    return detail(applications.supplement(id, note.trim(), files));
  }

  record Reason(@NotBlank @Size(max = 2000) String reason) {}

  @Operation(summary = "撤回申请（开发方，登记决定作出前）")
  @PostMapping("/{id}/withdrawal")
  @PreAuthorize("hasAuthority('GROUP_developer')")
  @CaseScope(kind = ProjectScope.KIND)
  ProjectDetail withdraw(@PathVariable Long id, @Valid @RequestBody Reason request) {
    return detail(applications.withdraw(id, request.reason().trim()));
  }

  @Operation(summary = "申请公开二类项目信息（开发方）")
  @PostMapping("/{id}/disclosure-requests")
  @PreAuthorize("hasAuthority('GROUP_developer')")
  @CaseScope(kind = ProjectScope.KIND)
  ProjectDetail requestDisclosure(@PathVariable Long id) {
    return detail(applications.requestDisclosure(id));
  }

  @Operation(summary = "申请注销（开发方）或责令注销（生态环境局）；由生态环境局确认")
  @PostMapping("/{id}/cancellation-requests")
  @PreAuthorize("hasAnyAuthority('GROUP_developer', 'GROUP_bureau')")
  @CaseScope(kind = ProjectScope.KIND)
  ProjectDetail requestCancellation(@PathVariable Long id, @Valid @RequestBody Reason request) {
    return detail(applications.requestCancellation(id, request.reason().trim()));
  }

  private ProjectDetail detail(Project p) {
    return new ProjectDetail(p.getId(), p.getName(), p.getProjectClass(), p.getStatus(), p.getStatus().label(),
        p.getStatusReason(), p.getRegistrationNo(), p.getMethodologyId(), p.getDeveloperId(), p.getDistrict(),
        p.getAddress(), p.getLatitude(), p.getLongitude(), p.getDescription(), p.getCreditingStart(), p.getCreditingEnd(), p.getRevenueReturnRatio(),
        p.getPublicityStart(), p.getPublicityEnd(), p.getSupplementRounds(), p.getCreatedAt(), p.getRegisteredAt(),
        p.getIdentifiers().stream().map(i -> new IdentifierView(i.getScheme(), i.getIdentifier(),
            i.isAlreadyCredited())).toList(),
        checks.of(ProjectLifecycle.CASE_TYPE, p.getId()).stream().map(c -> new CheckView(c.getCheckName(),
            c.getOutcome(), c.getDetail(), c.getCheckedAt())).toList(),
        documents.infoOf(p.getId()),
        objections.findByProjectIdOrderByIdAsc(p.getId()).stream().map(o -> new ObjectionView(o.getId(),
            o.getFiledAt(), o.getContent(), o.getStatus(), o.getResponse())).toList(),
        auditTrail.of(ProjectLifecycle.CASE_TYPE, p.getId()).stream().map(this::audit).toList());
  }

  /** Developers see their own accounts by name and the authorities' staff only as "主管部门". */
  private AuditView audit(AuditEntry e) {
    String actor = currentUser.isAuthority() || e.getActor().equals(currentUser.id())
        || AuditTrail.SYSTEM.equals(e.getActor()) ? e.getActor() : "主管部门";
    return new AuditView(e.getAction(), e.getFromStatus(), e.getToStatus(), actor, e.getOccurredAt(),
        e.getReason());
  }

  private static void add(List<UploadedFile> files, String field, MultipartFile file) {
    if (file == null) {
      return;
    }
    if (file.getSize() > MAX_DOCUMENT_BYTES) {
      throw new InvalidInputException(field, "文件不得超过 20 MB (file too large)");
    }
    String filename = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
        ? field : file.getOriginalFilename();
    String contentType = file.getContentType() == null ? MediaType.APPLICATION_OCTET_STREAM_VALUE
        : file.getContentType();
    try {
      files.add(new UploadedFile(field, filename, contentType, file.getBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
