package cn.beijing.carboninclusion.project.external;

import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A scheme outside Beijing's 碳普惠 in which a project can be registered: {@code CCER} (全国温室气体自愿减排交易市场),
 * {@code VERRA} (Verified Carbon Standard), {@code GOLD_STANDARD}, or another province's 碳普惠 registry, written
 * {@code CN-} and its ISO 3166-2:CN code ({@code CN-GD} 广东省碳普惠, {@code CN-SH} 上海市碳普惠, …; Beijing's own
 * projects are on this platform and are not imported).
 *
 * @param code the code as stored and shown
 * @param label its name in Chinese
 * @param province whether it is another province's registry (its sites lie in that province)
 */
public record ExternalSource(String code, String label, boolean province) {
  private static final Map<String, ExternalSource> BY_CODE = sources();

  /** The source a CSV's {@code source} column names (case and full/half width aside), if it is one. */
  public static Optional<ExternalSource> of(String raw) {
    return Optional.ofNullable(BY_CODE.get(squeeze(raw)));
  }

  /**
   * The source a project's declared identifier scheme names: the codes above and their usual other names
   * ({@code VCS} for Verra, {@code GS} for Gold Standard, {@code 广东碳普惠} …); empty for the project's own site,
   * asset or meter schemes.
   */
  public static Optional<ExternalSource> ofScheme(String scheme) {
    String key = squeeze(scheme);
    ExternalSource known = BY_CODE.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    return switch (key) {
      case "VCS", "VERRAVCS" -> of("VERRA");
      case "GS", "GOLDSTANDARD", "GSVER" -> of("GOLD_STANDARD");
      default -> BY_CODE.values().stream().filter(s -> s.province() && (key.equals(squeeze(s.label()))
          || key.equals(squeeze(s.label().replace("碳普惠", ""))))).findFirst();
    };
  }

  /** Every source, for messages and documentation. */
  public static String allowed() {
    return "CCER、VERRA、GOLD_STANDARD、CN-<省级行政区代码>（如 CN-GD，北京除外）";
  }

  /**
   * What an identifier of this source is compared by: NFKC, upper case, letters and digits only, and without the
   * registry's own prefix ({@code VCS 1234} = {@code 1234} at Verra, {@code GS-5678} = {@code 5678} at Gold Standard).
   */
  public String idKey(String identifier) {
    String id = squeeze(identifier);
    String prefix = switch (code) {
      case "VERRA" -> id.startsWith("VERRA") ? "VERRA" : id.startsWith("VCS") ? "VCS" : "";
      case "GOLD_STANDARD" -> id.startsWith("GS") ? "GS" : "";
      default -> "";
    };
    if (!prefix.isEmpty() && id.length() > prefix.length()) {
      id = id.substring(prefix.length());
    }
    return code + ":" + id;
  }

  /** NFKC, upper case, letters and digits only (keeps the underscore and dash of the codes out of the way). */
  static String squeeze(String raw) {
    if (raw == null) {
      return "";
    }
    String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
    StringBuilder kept = new StringBuilder(text.length());
    text.codePoints().filter(Character::isLetterOrDigit).forEach(kept::appendCodePoint);
    return kept.toString();
  }

  private static Map<String, ExternalSource> sources() {
    Map<String, ExternalSource> sources = new LinkedHashMap<>();
    for (ExternalSource s : new ExternalSource[] {
        new ExternalSource("CCER", "全国温室气体自愿减排交易市场（CCER）", false),
        new ExternalSource("VERRA", "Verra（VCS）", false),
        new ExternalSource("GOLD_STANDARD", "黄金标准（Gold Standard）", false)}) {
      sources.put(squeeze(s.code()), s);
    }
    String[][] provinces = {{"TJ", "天津市"}, {"HE", "河北省"}, {"SX", "山西省"}, {"NM", "内蒙古自治区"},
        {"LN", "辽宁省"}, {"JL", "吉林省"}, {"HL", "黑龙江省"}, {"SH", "上海市"}, {"JS", "江苏省"}, {"ZJ", "浙江省"},
        {"AH", "安徽省"}, {"FJ", "福建省"}, {"JX", "江西省"}, {"SD", "山东省"}, {"HA", "河南省"}, {"HB", "湖北省"},
        {"HN", "湖南省"}, {"GD", "广东省"}, {"GX", "广西壮族自治区"}, {"HI", "海南省"}, {"CQ", "重庆市"},
        {"SC", "四川省"}, {"GZ", "贵州省"}, {"YN", "云南省"}, {"XZ", "西藏自治区"}, {"SN", "陕西省"},
        {"GS", "甘肃省"}, {"QH", "青海省"}, {"NX", "宁夏回族自治区"}, {"XJ", "新疆维吾尔自治区"}};
    for (String[] p : provinces) {
      ExternalSource s = new ExternalSource("CN-" + p[0], p[1] + "碳普惠", true);
      sources.put(squeeze(s.code()), s);
    }
    return sources;
  }
}
