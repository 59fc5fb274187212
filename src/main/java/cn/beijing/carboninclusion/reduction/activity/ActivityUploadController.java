package cn.beijing.carboninclusion.reduction.activity;

import cn.beijing.carboninclusion.identity.CaseScope;
import cn.beijing.carboninclusion.identity.ConfidentialRead;
import cn.beijing.carboninclusion.reduction.ReductionApplicationScope;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The activity data (trip records) of a reduction application: developers upload it, the authorities read it. */
@RestController
@RequestMapping("/api/reduction-applications/{id}/activities")
@Tag(name = "减排量活动数据 activity data")
class ActivityUploadController {
  private final ActivityUploads uploads;

  ActivityUploadController(ActivityUploads uploads) {
    this.uploads = uploads;
  }

  /** What an accepted upload answers. */
  record UploadView(Long applicationId, long rows, BigDecimal reductionTco2e, String sha256, Instant uploadedAt) {
    static UploadView of(UploadResult result) {
      return new UploadView(result.applicationId(), result.rows(), result.reductionTco2e(), result.sha256(),
          result.uploadedAt());
    }
  }

  @Operation(summary = "上传减排量申请的活动数据（CSV，草稿状态；再次上传替换前一次）",
      description = "multipart/form-data 的 file 部分：UTF-8 CSV，表头 participant_id,trip_id,mode,distance_km,timestamp。"
          + "逐行校验，任何一行有误则整个文件不予接受（400，按行号列出前 100 处错误）；行程编号在全部项目的全部申请中只能申报一次。")
  @PreAuthorize("hasAuthority('GROUP_developer')")
  @CaseScope(kind = ReductionApplicationScope.KIND)
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  UploadView upload(@PathVariable Long id, @RequestPart("file") MultipartFile file) throws IOException {
    try (InputStream csv = file.getInputStream()) {
      return UploadView.of(uploads.uploadAsDeveloper(id, csv));
    }
  }

  @Operation(summary = "减排量申请已接受的活动数据：记录数、计算的减排量、文件 SHA-256")
  @ConfidentialRead(object = "ACTIVITY_DATA", fields = "参与者活动数据汇总")
  @GetMapping
  UploadView get(@PathVariable Long id) {
    return UploadView.of(uploads.visibleResult(id));
  }
}
