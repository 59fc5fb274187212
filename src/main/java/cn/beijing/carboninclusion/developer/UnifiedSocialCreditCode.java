package cn.beijing.carboninclusion.developer;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character alphabet without I, O, Z, S, V; the last
 * is a check character computed modulo 31 over the first 17 with fixed weights. Null is valid (use
 * {@code @NotBlank} to require it).
 */
@Documented
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = UnifiedSocialCreditCode.Validator.class)
public @interface UnifiedSocialCreditCode {
  String message() default "不是有效的统一社会信用代码 (invalid unified social credit code)";

  Class<?>[] groups() default {};

  Class<? extends Payload>[] payload() default {};

  /** The check itself, usable without Bean Validation. */
  final class Validator implements ConstraintValidator<UnifiedSocialCreditCode, String> {
    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || isValid(value);
    }

    public static boolean isValid(String code) {
      if (code == null || code.length() != 18) {
        return false;
      }
      for (int i = 0; i < 18; i++) {
        if (ALPHABET.indexOf(code.charAt(i)) < 0) {
          return false;
        }
      }
      return code.charAt(17) == checkCharacter(code.substring(0, 17));
    }

    /** The check character for the first 17 characters of a code. */
    public static char checkCharacter(String first17) {
      if (first17.length() != 17) {
        throw new IllegalArgumentException("need the first 17 characters");
      }
      int sum = 0;
      for (int i = 0; i < 17; i++) {
        int value = ALPHABET.indexOf(first17.charAt(i));
        if (value < 0) {
          throw new IllegalArgumentException("character not allowed: " + first17.charAt(i));
        }
        sum += value * WEIGHTS[i];
      }
      int check = (31 - sum % 31) % 31;
      return ALPHABET.charAt(check);
    }
  }
}
