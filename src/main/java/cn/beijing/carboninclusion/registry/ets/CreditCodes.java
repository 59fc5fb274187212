package cn.beijing.carboninclusion.registry.ets;

import cn.beijing.carboninclusion.developer.UnifiedSocialCreditCode;
import java.text.Normalizer;
import java.util.Locale;

/**
 * 统一社会信用代码 as the list and the retirements take it: stripped, NFKC (full-width characters as half-width) and
 * upper case, then checked with its check character ({@link UnifiedSocialCreditCode.Validator}, GB 32100-2015).
 */
public final class CreditCodes {
  private CreditCodes() {}

  /** The code as stored and compared (null for null). */
  public static String normalise(String raw) {
    return raw == null ? null : Normalizer.normalize(raw.strip(), Normalizer.Form.NFKC).toUpperCase(Locale.ROOT);
  }

  /** What is wrong with a code, in Chinese with English in parentheses; null when it is a valid code. */
  public static String problem(String raw) {
    String code = normalise(raw);
    if (code == null || code.isEmpty()) {
      return "必填 (required)";
    }
    if (code.length() != 18) {
      return "统一社会信用代码应为 18 位，实际为 " + code.codePointCount(0, code.length())
          + " 位 (a unified social credit code has 18 characters)";
    }
    for (int i = 0; i < 18; i++) {
      if ("0123456789ABCDEFGHJKLMNPQRTUWXY".indexOf(code.charAt(i)) < 0) {
        char c = code.charAt(i);
        String shown = Character.isLetterOrDigit(c) && !Character.isSurrogate(c) ? "「" + c + "」"
            : String.format("（U+%04X）", (int) c);
        return "统一社会信用代码第 " + (i + 1) + " 位" + shown + "不是允许的字符（数字及除 I、O、Z、S、V 外的大写字母）"
            + "(character not allowed in a unified social credit code)";
      }
    }
    if (!UnifiedSocialCreditCode.Validator.isValid(code)) {
      return "统一社会信用代码校验位不符：按前 17 位应为「"
          + UnifiedSocialCreditCode.Validator.checkCharacter(code.substring(0, 17)) + "」，实际为「" + code.charAt(17)
          + "」(invalid unified social credit code: the check character does not match)";
    }
    return null;
  }
}
