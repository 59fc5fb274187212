package cn.beijing.carboninclusion.project.external;

import cn.beijing.carboninclusion.common.ApiExceptionHandler;
import cn.beijing.carboninclusion.common.PublicPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MultipartFile;

/**
 * 其他减排机制登记清单: the technical center imports the lists of projects registered in other schemes; the technical
 * center and the bureau read the imports. The registrations themselves are read by the duplicate check of every
 * registration application, which shows the reviewer what matched.
 */
@RestController
@RequestMapping("/api/external-registrations")
@Tag(name = "其他减排机制登记 external registrations")
class ExternalRegistrationController {
  private final ExternalRegistrations registrations;

  ExternalRegistrationController(ExternalRegistrations registrations) {
    this.registrations = registrations;
  }

  @Operation(summary = "导入其他减排机制的项目登记清单（技术中心），每次导入为一个新版本",
      description = "multipart/form-data：file 为 UTF-8 CSV，表头 source,external_id,name,district,address,"
          + "registered_on（必需）及 latitude,longitude（可选，WGS-84 度）；source 为 CCER、VERRA、GOLD_STANDARD 或 "
          + "CN-<省级行政区代码>（其他省份碳普惠，如 CN-GD）。origin 为清单来源，listDate 为清单日期。逐行校验，任何一行"
          + "有误则整个文件不予导入（400，按「line N: 列名」列出前 100 处错误）。")
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @PreAuthorize("hasAuthority('GROUP_techcenter')")
  ResponseEntity<ExternalRegistrations.ImportView> importList(@RequestPart("file") MultipartFile file,
      @RequestPart("origin") String origin, @RequestPart("listDate") String listDate) throws IOException {
    try (InputStream csv = file.getInputStream()) {
      ExternalRegistrations.ImportView imported = registrations.importList(csv, file.getOriginalFilename(), origin,
          listDate);
      return ResponseEntity.created(URI.create("/api/external-registrations/imports?version=" + imported.version()))
          .body(imported);
    }
  }

  @Operation(summary = "其他减排机制登记清单的各次导入（技术中心、生态环境局），最新版本在前，分页（page 从 0 起，"
      + "size ≤ 200），总数见 X-Total-Count 头")
  @ApiResponse(responseCode = "200", description = "本页的导入版本", headers = @Header(name = PublicPage.TOTAL_COUNT,
      description = "导入版本总数（各页合计）", schema = @Schema(type = "integer")))
  @GetMapping("/imports")
  @PreAuthorize("hasAnyAuthority('GROUP_techcenter', 'GROUP_bureau')")
  ResponseEntity<List<ExternalRegistrations.ImportView>> imports(@RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return PublicPage.answer(registrations.imports(PublicPage.of(page, size)));
  }

  /**
   * A refused file as an RFC 9457 problem, built as every invalid input of the platform API: 400, {@code errors} keyed
   * by {@code "line N: column"}. Ordered before the platform's handler, whose catch-all would otherwise answer first.
   */
  @RestControllerAdvice(basePackages = "cn.beijing.carboninclusion")
  @Order(Ordered.HIGHEST_PRECEDENCE)
  static class Problems {
    @ExceptionHandler(ExternalRegistrations.Rejected.class)
    ResponseEntity<ProblemDetail> rejected(ExternalRegistrations.Rejected ex) {
      Map<String, String> errors = ex.errors();
      ProblemDetail problem = ApiExceptionHandler.invalid(errors);
      problem.setDetail("登记清单有误，整个文件未导入 (the list has errors; nothing of it was stored)"
          + (ex.truncated() ? "；仅列出前 " + ExternalRegistrations.MAX_REPORTED + " 处 (first "
          + ExternalRegistrations.MAX_REPORTED + " errors listed)" : ""));
      problem.setProperty("truncated", ex.truncated());
      return ResponseEntity.badRequest().body(problem);
    }
  }
}
