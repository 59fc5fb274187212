package cn.beijing.carboninclusion.portal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** How values read on the portal (Beijing time, plain numbers) and in its CSV (ISO-8601, plain numbers). */
final class PortalText {
  static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(BEIJING);

  /** Chinese names of the disclosure feed's kinds; kinds other modules add show by their name until named here. */
  static final Map<String, String> KINDS = Map.ofEntries(
      Map.entry("PUBLICITY_STARTED", "项目公示"), Map.entry("OBJECTION_RESPONSE", "异议处理结果"),
      Map.entry("PROJECT_REGISTERED", "项目登记"), Map.entry("APPLICATION_REJECTED", "不予登记"),
      Map.entry("APPLICATION_WITHDRAWN", "申请撤回"), Map.entry("PROJECT_CANCELLED", "项目注销"),
      Map.entry("CLASS_II_DISCLOSED", "二类项目信息公开"), Map.entry("METHODOLOGY", "方法学"),
      Map.entry("REDUCTION_FILED", "减排量申请"), Map.entry("REDUCTION_REGISTERED", "减排量登记"),
      Map.entry("PROJECT_SUSPENDED", "项目暂停"), Map.entry("PROJECT_RESTORED", "项目恢复"),
      Map.entry("AUDIT_REPORT_ACCEPTED", "审计报告合格"), Map.entry("AUDIT_REPORT_REJECTED", "审计报告不合格"),
      Map.entry("AUDIT_REPORT_OVERDUE", "审计报告逾期"), Map.entry("DEVELOPER_BARRED", "开发方禁入"),
      Map.entry("AGENCY_BARRED", "服务机构禁入"), Map.entry("BAR_LIFTED", "解除禁入"),
      Map.entry("SPOT_CHECK_DRAWN", "双随机抽查抽取结果"), Map.entry("SPOT_CHECK_RESULTS", "双随机抽查检查结果"),
      Map.entry("JOURNAL_HEADS", "日志头公布"));

  private PortalText() {}

  static String kind(String kind) {
    return KINDS.getOrDefault(kind, kind);
  }

  /** For a page: empty for null, Beijing minutes for instants, 是/否, plain decimals. */
  static String html(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Instant instant) {
      return MINUTES.format(instant);
    }
    if (value instanceof Boolean b) {
      return b ? "是" : "否";
    }
    if (value instanceof BigDecimal d) {
      return d.stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }

  /** For CSV: empty for null, ISO-8601 for instants, plain decimals. */
  static String csv(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Number) {
      return value.toString();
    }
    // a cell a spreadsheet would read as a formula (=, +, -, @, tab, return first) is defused with a leading quote
    return cn.beijing.carboninclusion.common.Texts.spreadsheetSafe(value.toString());
  }
}
