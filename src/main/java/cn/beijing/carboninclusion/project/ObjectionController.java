package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.ClientRateLimiter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * 公示期异议: anyone — the public, other developers, without an account — may object to a project in publicity.
 * Rate-limited per client address ({@code carbon-inclusion.rules.objections-per-hour-per-client}).
 */
@RestController
@Tag(name = "异议 objections")
class ObjectionController {
  private final ObjectionService objections;
  private final ClientRateLimiter rateLimiter;

  ObjectionController(ObjectionService objections, ClientRateLimiter rateLimiter) {
    this.objections = objections;
    this.rateLimiter = rateLimiter;
  }

  record FileObjection(
      @Size(max = 100) String objectorName,
      @Size(max = 200) String contact,
      @NotBlank @Size(min = 10, max = 4000, message = "异议内容须为 10 至 4000 字 (10 to 4000 characters)") String content) {}

  /** What the objector gets back: a receipt, never other objections. */
  record ObjectionReceipt(Long objectionId, Long projectId, Instant filedAt, String message) {}

  @Operation(summary = "对公示中的项目提出异议（无需登录）")
  @PostMapping("/api/projects/{projectId}/objections")
  @ResponseStatus(HttpStatus.CREATED)
  ObjectionReceipt file(@PathVariable Long projectId, @Valid @RequestBody FileObjection request,
      HttpServletRequest http) {
    rateLimiter.acquire("objection", http.getRemoteAddr());
    Objection objection = objections.file(projectId, request.objectorName(), request.contact(), request.content());
    return new ObjectionReceipt(objection.getId(), projectId, objection.getFiledAt(),
        "异议已收到，将于公示期满后由技术支撑单位处理，处理结果将予公开。");
  }
}
