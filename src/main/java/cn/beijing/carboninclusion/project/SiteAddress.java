package cn.beijing.carboninclusion.project;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 项目地点: the normalised form of a site's district and address that the duplicate checks compare (a Beijing
 * project with every other Beijing project, and with the registrations imported from other schemes), and the distance
 * between two sites' coordinates. The rules (docs/processes/project-registration.md, "地点的比对"):
 * <ol>
 *   <li>Unicode NFKC: full-width letters, digits and signs become half-width (２７号 → 27号, （ → (, the ideographic
 *       space → a space); Latin letters in lower case.</li>
 *   <li>Whitespace and punctuation are dropped (中关村大街 27 号 → 中关村大街27号); a dash between two digits stays
 *       (1-3号).</li>
 *   <li>Chinese numerals before a number unit become digits (二十七号 → 27号, 三号楼 → 3号).</li>
 *   <li>A leading 中国, 北京市 or 北京, and then the district written as such, are dropped (北京市海淀区中关村大街27号
 *       → 中关村大街27号 in 海淀; a bare 海淀 is kept, as a street may begin with a district's name: 天河路).</li>
 *   <li>号楼, 号院, 栋, 幢, 座 after a number are all 号 (27号楼 = 27号院 = 27栋 = 27号); a trailing number without a unit
 *       gets 号 (中关村大街27 = 中关村大街27号).</li>
 *   <li>Floor, unit and room after the last number are dropped: one building is one site (27号3层301室 = 27号).</li>
 * </ol>
 * The district is normalised the same way and without 北京市 and its final 区 or 县 (海淀区 = 海淀 = 北京市海淀区).
 */
public final class SiteAddress {
  /** Mean Earth radius (m), IUGG. */
  private static final double EARTH_RADIUS_METRES = 6_371_008.8;
  private static final String NUMERALS = "零〇一二两三四五六七八九十百千";
  private static final Pattern CHINESE_NUMBER = Pattern.compile("([" + NUMERALS + "]+)(?=号|栋|幢|座|层|单元|室)");
  private static final Pattern DIGIT_DASH = Pattern.compile("(\\d)[\\-‐‑‒–—―~～](?=\\d)");
  private static final Pattern NOT_KEPT = Pattern.compile("[^\\p{L}\\p{N}\\u0001]");
  private static final Pattern BUILDING = Pattern.compile("(\\d)(?:号楼|号院|栋|幢|座)");
  private static final Pattern FLOOR_ROOM_TAIL = Pattern.compile("(号)(?:\\d+(?:层|楼|单元|室))+$");
  private static final Pattern TRAILING_NUMBER = Pattern.compile("(\\d)$");

  private SiteAddress() {}

  /**
   * The key two sites share when they are the same place: normalised district and address joined by {@code |};
   * null without an address (a site without an address is compared by its coordinates only).
   */
  public static String key(String district, String address) {
    String normalisedDistrict = district(district);
    String normalisedAddress = address(district, address);
    if (normalisedAddress == null || normalisedAddress.isEmpty()) {
      return null;
    }
    return (normalisedDistrict == null ? "" : normalisedDistrict) + "|" + normalisedAddress;
  }

  /** The normalised district: 海淀区, 海淀, 北京市海淀区 and 北京市 海淀区 are all 海淀. */
  public static String district(String district) {
    String text = basic(district);
    if (text == null) {
      return null;
    }
    text = stripPrefixes(text);
    if (text.length() > 1 && (text.endsWith("区") || text.endsWith("县"))) {
      text = text.substring(0, text.length() - 1);
    }
    return text;
  }

  /** The normalised address within its district (rules above); null when there is none. */
  public static String address(String district, String address) {
    String text = basic(address);
    if (text == null || text.isEmpty()) {
      return null;
    }
    text = stripPrefixes(text);
    String d = district(district);
    if (d != null && !d.isEmpty()) {
      // only the district written as one (海淀区): a bare name may begin a street's (天河路 in 天河区)
      for (String form : new String[] {d + "区", d + "县"}) {
        if (text.startsWith(form) && text.length() > form.length()) {
          text = text.substring(form.length());
          break;
        }
      }
    }
    text = BUILDING.matcher(text).replaceAll("$1号");
    text = FLOOR_ROOM_TAIL.matcher(text).replaceAll("$1");
    text = TRAILING_NUMBER.matcher(text).replaceAll("$1号");
    return text;
  }

  /**
   * The distance in metres between two points given in WGS-84 degrees (haversine on the mean Earth sphere; the
   * error, well under 1 %, does not matter at the distances the rule sets).
   */
  public static double metresBetween(BigDecimal lat1, BigDecimal lon1, BigDecimal lat2, BigDecimal lon2) {
    double phi1 = Math.toRadians(lat1.doubleValue());
    double phi2 = Math.toRadians(lat2.doubleValue());
    double dPhi = phi2 - phi1;
    double dLambda = Math.toRadians(lon2.doubleValue() - lon1.doubleValue());
    double a = Math.sin(dPhi / 2) * Math.sin(dPhi / 2)
        + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) * Math.sin(dLambda / 2);
    return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(a)));
  }

  /** Degrees of latitude that span {@code metres} (for a bounding box before the exact distance). */
  public static double latitudeDegrees(double metres) {
    return Math.toDegrees(metres / EARTH_RADIUS_METRES);
  }

  /** Degrees of longitude that span {@code metres} at {@code latitude} (for a bounding box). */
  public static double longitudeDegrees(double metres, double latitude) {
    double cos = Math.cos(Math.toRadians(Math.min(Math.abs(latitude), 89.0)));
    return Math.toDegrees(metres / (EARTH_RADIUS_METRES * cos));
  }

  /** NFKC, lower case, Chinese numerals before units as digits, nothing but letters, digits and digit dashes. */
  private static String basic(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String text = Normalizer.normalize(raw, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    text = DIGIT_DASH.matcher(text).replaceAll("$1\u0001");
    text = NOT_KEPT.matcher(text).replaceAll("").replace('\u0001', '-');
    Matcher numbers = CHINESE_NUMBER.matcher(text);
    StringBuilder converted = new StringBuilder();
    while (numbers.find()) {
      Integer value = chineseNumber(numbers.group(1));
      numbers.appendReplacement(converted, Matcher.quoteReplacement(value == null ? numbers.group(1)
          : String.valueOf(value)));
    }
    numbers.appendTail(converted);
    return converted.toString();
  }

  private static String stripPrefixes(String text) {
    for (String prefix : new String[] {"中华人民共和国", "中国"}) {
      if (text.startsWith(prefix) && text.length() > prefix.length()) {
        text = text.substring(prefix.length());
      }
    }
    for (String prefix : new String[] {"北京市", "北京"}) {
      if (text.startsWith(prefix) && text.length() > prefix.length()) {
        return text.substring(prefix.length());
      }
    }
    return text;
  }

  /**
   * A Chinese numeral up to 9999 (二十七 = 27, 一百零五 = 105, 两千 = 2000), or digit by digit (二〇二 = 202); null when
   * it is not one.
   */
  static Integer chineseNumber(String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (text.chars().noneMatch(c -> c == '十' || c == '百' || c == '千')) {
      int value = 0;
      for (char c : text.toCharArray()) {
        value = value * 10 + digit(c);
        if (value > 99_999) {
          return null;
        }
      }
      return value;
    }
    int total = 0;
    int current = 0;
    for (char c : text.toCharArray()) {
      switch (c) {
        case '十' -> {
          total += (current == 0 ? 1 : current) * 10;
          current = 0;
        }
        case '百' -> {
          total += (current == 0 ? 1 : current) * 100;
          current = 0;
        }
        case '千' -> {
          total += (current == 0 ? 1 : current) * 1000;
          current = 0;
        }
        default -> current = digit(c);
      }
    }
    return total + current;
  }

  private static int digit(char c) {
    return switch (c) {
      case '一' -> 1;
      case '二', '两' -> 2;
      case '三' -> 3;
      case '四' -> 4;
      case '五' -> 5;
      case '六' -> 6;
      case '七' -> 7;
      case '八' -> 8;
      case '九' -> 9;
      default -> 0;
    };
  }
}
