package cn.beijing.carboninclusion.registry.ets;

import cn.beijing.carboninclusion.common.ApiExceptionHandler;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.PublicPage;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.identity.Groups;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
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
 * 重点碳排放单位名单: the bureau and the technical center import the list of the Beijing ETS's covered entities (each
 * import a new version) and read it; a developer or the exchange, who retire units for an entity's ETS offset, look an
 * entity up by its credit code.
 */
@RestController
@RequestMapping("/api/ets-covered-entities")
@Tag(name = "重点碳排放单位名单 ETS covered entities")
class EtsCoveredEntityController {
  private final EtsCoveredEntities entities;
  private final CurrentUser currentUser;

  EtsCoveredEntityController(EtsCoveredEntities entities, CurrentUser currentUser) {
    this.entities = entities;
    this.currentUser = currentUser;
  }

  @Operation(summary = "导入北京市碳排放权交易重点碳排放单位名单（生态环境局、技术中心），每次导入为一个新版本",
      description = "multipart/form-data：file 为 UTF-8 CSV，表头 credit_code,name,compliance_year,verified_emissions"
          + "（统一社会信用代码，含校验位；单位名称；履约年度；经核查的年度排放量，tCO2e，大于 0）；source 为名单来源，"
          + "listDate 为名单日期。同一版本中同一单位同一履约年度只能出现一次。逐行校验，任何一行有误则整个文件不予导入"
          + "（400，按「line N: 列名」列出前 100 处错误）。导入后，本版本所列各履约年度以本版本为准（抵销上限按其排放量计算），"
          + "旧版本保留。")
  @PostMapping(path = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter')")
  ResponseEntity<EtsCoveredEntities.ImportView> importList(@RequestPart("file") MultipartFile file,
      @RequestPart("source") String source, @RequestPart("listDate") String listDate) throws IOException {
    try (InputStream csv = file.getInputStream()) {
      EtsCoveredEntities.ImportView imported = entities.importList(csv, file.getOriginalFilename(), source,
          listDate);
      return ResponseEntity.created(URI.create("/api/ets-covered-entities?version=" + imported.version()))
          .body(imported);
    }
  }

  @Operation(summary = "重点碳排放单位名单的各次导入（生态环境局、技术中心），最新版本在前，分页（page 从 0 起，"
      + "size ≤ 200），总数见 X-Total-Count 头")
  @ApiResponse(responseCode = "200", description = "本页的导入版本", headers = @Header(name = PublicPage.TOTAL_COUNT,
      description = "导入版本总数（各页合计）", schema = @Schema(type = "integer")))
  @GetMapping("/imports")
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter')")
  ResponseEntity<List<EtsCoveredEntities.ImportView>> imports(@RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return PublicPage.answer(entities.imports(PublicPage.of(page, size)));
  }

  @Operation(summary = "重点碳排放单位名单：现行名单（各履约年度以最新版本为准）或指定版本（version），可按统一社会信用代码"
      + "（creditCode）和履约年度（year）筛选，分页（page 从 0 起，size ≤ 200），总数见 X-Total-Count 头",
      description = "生态环境局、技术中心可浏览全部；项目开发方和交易所须给出 creditCode（为该单位办理履约抵销时查询）。")
  @ApiResponse(responseCode = "200", description = "本页的重点碳排放单位", headers = @Header(name = PublicPage.TOTAL_COUNT,
      description = "符合条件的条目总数（各页合计）", schema = @Schema(type = "integer")))
  @GetMapping
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter', 'GROUP_developer', 'GROUP_exchange')")
  ResponseEntity<List<EtsCoveredEntities.Listed>> list(@RequestParam(required = false) String creditCode,
      @RequestParam(required = false) Integer year, @RequestParam(required = false) Integer version,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    if (creditCode != null && creditCode.isBlank()) {
      creditCode = null;
    }
    Map<String, String> errors = new LinkedHashMap<>();
    boolean staff = currentUser.isMemberOf(Groups.BUREAU) || currentUser.isMemberOf(Groups.TECHCENTER);
    if (creditCode != null || !staff) {
      String problem = CreditCodes.problem(creditCode);
      if (problem != null) {
        errors.put("creditCode", creditCode == null
            ? "项目开发方和交易所须按统一社会信用代码查询 (required: look an entity up by its credit code)" : problem);
      }
    }
    if (year != null && (year < CoveredEntityCsv.FIRST_YEAR || year > 9999)) {
      errors.put("year", "履约年度应在 " + CoveredEntityCsv.FIRST_YEAR + " 至 9999 之间 (compliance year out of range)");
    }
    if (version != null && version < 1) {
      errors.put("version", "版本号从 1 起 (versions count from 1)");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return PublicPage.answer(entities.entities(creditCode, year, version, PublicPage.of(page, size)));
  }

  /**
   * A refused file as an RFC 9457 problem, built as every invalid input of the platform API: 400, {@code errors} keyed
   * by {@code "line N: column"}. Ordered before the platform's handler, whose catch-all would otherwise answer first.
   */
  @RestControllerAdvice(basePackages = "cn.beijing.carboninclusion")
  @Order(Ordered.HIGHEST_PRECEDENCE)
  static class Problems {
    @ExceptionHandler(EtsCoveredEntities.Rejected.class)
    ResponseEntity<ProblemDetail> rejected(EtsCoveredEntities.Rejected ex) {
      ProblemDetail problem = ApiExceptionHandler.invalid(ex.errors());
      problem.setDetail("重点碳排放单位名单有误，整个文件未导入 (the list has errors; nothing of it was stored)"
          + (ex.truncated() ? "；仅列出前 " + EtsCoveredEntities.MAX_REPORTED + " 处 (first "
          + EtsCoveredEntities.MAX_REPORTED + " errors listed)" : ""));
      problem.setProperty("truncated", ex.truncated());
      return ResponseEntity.badRequest().body(problem);
    }
  }
}
