package cn.beijing.carboninclusion.admin;

import cn.beijing.carboninclusion.calendar.HolidayCoverage;
import cn.beijing.carboninclusion.calendar.HolidayEntry;
import cn.beijing.carboninclusion.calendar.HolidaySchedules;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.SecurityAudit;
import cn.beijing.carboninclusion.identity.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * 节假日安排: the bureau (or the administrator) uploads each year's holiday schedule as the State Council publishes it;
 * each upload is a new version of the year, the newest in force at once on every node (docs/operations.md, "The
 * holiday schedule"). The bureau, the technical center and the administrator read the years, versions and days.
 */
@RestController
@RequestMapping("/api/holiday-schedules")
@Tag(name = "节假日安排 holiday schedules (admin)")
class HolidayScheduleController {
  private final HolidayScheduleUploads uploads;
  private final HolidaySchedules schedules;
  private final HolidayCoverage coverage;
  private final SecurityAudit audit;
  private final CurrentUser currentUser;

  HolidayScheduleController(HolidayScheduleUploads uploads, HolidaySchedules schedules, HolidayCoverage coverage,
      SecurityAudit audit, CurrentUser currentUser) {
    this.uploads = uploads;
    this.schedules = schedules;
    this.coverage = coverage;
    this.audit = audit;
    this.currentUser = currentUser;
  }

  /** The years that have a schedule and whether one is missing ({@code warning}, as on /actuator/health). */
  record Overview(List<HolidaySchedules.Year> years, Integer missingYear, String warning) {}

  /** One year: its versions, newest first, and the days of the version in force (or of {@code version}). */
  record YearView(int year, boolean covered, Integer currentVersion, List<HolidaySchedules.Version> versions,
      Integer shownVersion, List<HolidayEntry> days) {}

  @Operation(summary = "上传一个年度的节假日安排（生态环境局、平台管理员），每次上传为该年度的新版本，上传后立即生效",
      description = "multipart/form-data：file 为 UTF-8 CSV，表头 date,type,name（与随附的 calendar/holidays-cn.csv 相同），"
          + "每行一个与周一至周五规则不同的日期：ISO 日期、HOLIDAY（放假，含假期中的周末）或 WORKDAY（调休上班，只能在"
          + "周六、周日）、名称；# 开头的行和空行忽略。所有日期须在该年度内，同一日期只能出现一次，至少一个 HOLIDAY。"
          + "任何一行有误则整个文件不予保存（400，按「line N: 列名」列出）。旧版本保留。")
  @PostMapping(path = "/{year}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_camunda-admin')")
  ResponseEntity<HolidaySchedules.Version> upload(@PathVariable int year, @RequestPart("file") MultipartFile file)
      throws IOException {
    HolidaySchedules.Version stored;
    try (InputStream csv = file.getInputStream()) {
      stored = uploads.upload(year, csv, file.getOriginalFilename());
    }
    audit.record(SecurityAudit.Event.HOLIDAY_SCHEDULE_UPLOADED, currentUser.id(), "holiday-schedule:" + year,
        SecurityAudit.Outcome.SUCCESS, "第 " + stored.version() + " 版，" + stored.days() + " 天，SHA-256 "
            + stored.sha256());
    return ResponseEntity.created(URI.create("/api/holiday-schedules/" + year)).body(stored);
  }

  @Operation(summary = "各年度的节假日安排：现行版本、上传人、上传时间；缺少下一年度时给出提醒（自 11 月 1 日起）")
  @GetMapping
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter', 'GROUP_camunda-admin')")
  Overview overview() {
    HolidayCoverage.Coverage now = coverage.now();
    return new Overview(schedules.years(), now.missingYear(), now.warning());
  }

  @Operation(summary = "一个年度的节假日安排：各版本（最新在前）和现行版本（或 version 指定版本）的日期")
  @GetMapping("/{year}")
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter', 'GROUP_camunda-admin')")
  YearView year(@PathVariable int year,
      @RequestParam(required = false) Integer version) {
    HolidayScheduleUploads.requireYear(year);
    List<HolidaySchedules.Version> versions = schedules.versions(year);
    if (versions.isEmpty()) {
      return new YearView(year, false, null, List.of(), null, List.of());
    }
    HolidaySchedules.Version shown = version == null ? versions.get(0)
        : versions.stream().filter(v -> v.version() == version).findFirst()
            .orElseThrow(() -> new NotFoundException("holiday schedule " + year + " version", version));
    return new YearView(year, true, versions.get(0).version(), versions, shown.version(), schedules.days(shown.id()));
  }
}
