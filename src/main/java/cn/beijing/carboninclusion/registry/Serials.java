package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.common.InvalidInputException;

/**
 * Serial numbers of issued units (docs/registry.md). A unit is {@code BJCI-{project}-{vintage}-{n}}, a block
 * {@code BJCI-{project}-{vintage}-{first}-{last}}, where {project} is the project's registration number without its
 * {@code BJCI-P-} prefix (e.g. {@code 2025-0001}), {vintage} the four-digit year the reductions were generated in,
 * and n the unit's running number within the project and vintage, zero-padded to 8 digits.
 */
public final class Serials {
  static final String PREFIX = "BJCI-";
  static final String PROJECT_PREFIX = "BJCI-P-";
  private static final int NUMBER_DIGITS = 8;

  /** Units {@code first..last} of a project's vintage, as named by a serial or a serial range. */
  public record UnitRange(String projectRegistrationNo, int vintageYear, long first, long last) {
    public long quantity() { return last - first + 1; }

    public String serial() {
      return first == last ? unit(projectRegistrationNo, vintageYear, first)
          : range(projectRegistrationNo, vintageYear, first, last);
    }
  }

  /** The project part of serials: the registration number without {@code BJCI-P-}. */
  public static String projectCode(String projectRegistrationNo) {
    if (projectRegistrationNo == null || !projectRegistrationNo.startsWith(PROJECT_PREFIX)
        || projectRegistrationNo.length() == PROJECT_PREFIX.length()) {
      throw new IllegalArgumentException("not a project registration number: " + projectRegistrationNo);
    }
    return projectRegistrationNo.substring(PROJECT_PREFIX.length());
  }

  public static String unit(String projectRegistrationNo, int vintageYear, long n) {
    return PREFIX + projectCode(projectRegistrationNo) + "-" + vintageYear + "-" + number(n);
  }

  public static String range(String projectRegistrationNo, int vintageYear, long first, long last) {
    return unit(projectRegistrationNo, vintageYear, first) + "-" + number(last);
  }

  static String number(long n) {
    return String.format("%0" + NUMBER_DIGITS + "d", n);
  }

  /**
   * Reads a unit serial or a block serial. Read from the right: the last group is a unit number (8 or more digits);
   * if the group before it is one too, the serial names a range; then comes the four-digit vintage, and everything
   * before it is the project code.
   *
   * @throws InvalidInputException (field {@code serial}) if it is neither
   */
  public static UnitRange parse(String serial) {
    if (serial == null || !serial.startsWith(PREFIX)) {
      throw invalid(serial);
    }
    String[] groups = serial.substring(PREFIX.length()).split("-", -1);
    int end = groups.length;
    if (end < 3 || !isNumber(groups[end - 1])) {
      throw invalid(serial);
    }
    long last = Long.parseLong(groups[end - 1]);
    long first = last;
    int vintageIndex = end - 2;
    if (isNumber(groups[end - 2])) {
      first = Long.parseLong(groups[end - 2]);
      vintageIndex = end - 3;
    }
    if (vintageIndex < 1 || !groups[vintageIndex].matches("\\d{4}") || first < 1 || first > last) {
      throw invalid(serial);
    }
    String code = String.join("-", java.util.Arrays.copyOfRange(groups, 0, vintageIndex));
    if (code.isEmpty() || code.contains("--") || code.startsWith("-") || code.endsWith("-")) {
      throw invalid(serial);
    }
    return new UnitRange(PROJECT_PREFIX + code, Integer.parseInt(groups[vintageIndex]), first, last);
  }

  private static boolean isNumber(String group) {
    return group.length() >= NUMBER_DIGITS && group.length() <= 18 && group.chars().allMatch(Character::isDigit);
  }

  private static InvalidInputException invalid(String serial) {
    return new InvalidInputException("serial",
        "不是有效的减排量序列号 (expected BJCI-{project}-{vintage}-{n} or BJCI-{project}-{vintage}-{first}-{last}): "
            + serial);
  }

  private Serials() {}
}
