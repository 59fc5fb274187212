package cn.beijing.carboninclusion.admin;

import cn.beijing.carboninclusion.calendar.HolidaySchedules;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.identity.CurrentUser;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Uploads of a year's holiday schedule (节假日安排): the file is checked whole ({@link HolidayScheduleCsv}), and only
 * a file without a single problem is stored, as the year's next version ({@link HolidaySchedules#store}), with the
 * uploader, the time and the SHA-256 of the file's bytes, and recorded in the audit trail in the same transaction.
 * From its commit the calendar counts working days with it (every node within the refresh interval).
 */
@Service
class HolidayScheduleUploads {
  /** The audit trail's case type of a holiday schedule; its case id is the year. */
  static final String CASE_TYPE = "HOLIDAY_SCHEDULE";
  static final int FIRST_YEAR = 2000;
  static final int LAST_YEAR = 2199;

  private final HolidaySchedules schedules;
  private final AuditTrail auditTrail;
  private final CurrentUser currentUser;
  private final Clock clock;

  HolidayScheduleUploads(HolidaySchedules schedules, AuditTrail auditTrail, CurrentUser currentUser, Clock clock) {
    this.schedules = schedules;
    this.auditTrail = auditTrail;
    this.currentUser = currentUser;
    this.clock = clock;
  }

  static void requireYear(int year) {
    if (year < FIRST_YEAR || year > LAST_YEAR) {
      throw new InvalidInputException("year", "年度应在 " + FIRST_YEAR + " 至 " + LAST_YEAR + " 之间 (year out of range)");
    }
  }

  @Transactional
  public HolidaySchedules.Version upload(int year, InputStream csv, String fileName) {
    requireYear(year);
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    HolidayScheduleCsv.Read read;
    try (InputStreamReader reader = new InputStreamReader(new DigestInputStream(csv, sha256),
        StandardCharsets.UTF_8)) {
      read = new HolidayScheduleCsv(year).read(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("节假日安排读取失败 (the file could not be read)", e);
    }
    if (!read.errors().isEmpty()) {
      Map<String, String> errors = new LinkedHashMap<>(read.errors());
      if (read.truncated()) {
        errors.put("file", "仅列出前 " + HolidayScheduleCsv.MAX_REPORTED + " 处错误 (first "
            + HolidayScheduleCsv.MAX_REPORTED + " errors listed)");
      }
      throw new InvalidInputException(errors);
    }
    String digest = HexFormat.of().formatHex(sha256.digest());
    String name = fileName == null || fileName.isBlank() ? null
        : fileName.strip().replaceAll("[\\p{Cntrl}\\uFFFD]", "_");
    if (name != null && name.length() > 255) {
      name = name.substring(0, 255);
    }
    Instant now = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    HolidaySchedules.Version stored;
    try {
      stored = schedules.store(year, read.days(), HolidaySchedules.UPLOAD, name, digest, currentUser.id(), now);
    } catch (DuplicateKeyException e) {
      throw new ConflictException("同一年度的节假日安排正在同时上传，请刷新后重试 (another upload of " + year
          + " was stored at the same moment; read the versions and upload again if needed)");
    }
    long holidays = read.days().stream().filter(d -> d.type().name().equals("HOLIDAY")).count();
    auditTrail.record(CASE_TYPE, (long) year, "HOLIDAY_SCHEDULE_UPLOADED", null, null,
        "上传 " + year + " 年节假日安排第 " + stored.version() + " 版：" + read.days().size() + " 天（放假 " + holidays
            + "，调休上班 " + (read.days().size() - holidays) + "），文件 " + (name == null ? "—" : name)
            + "，SHA-256 " + digest + "（自此按本版本计算工作日）");
    return stored;
  }
}
