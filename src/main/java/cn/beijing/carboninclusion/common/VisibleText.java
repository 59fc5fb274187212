package cn.beijing.carboninclusion.common;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.NotBlank;
import org.hibernate.validator.HibernateValidatorConfiguration;
import org.hibernate.validator.cfg.ConstraintMapping;
import org.springframework.boot.autoconfigure.validation.ValidationConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code @NotBlank} means "says something" for Chinese text too. The standard validator trims only ASCII spaces and
 * controls, so a reason made of ideographic spaces (U+3000), no-break spaces or zero-width characters passed; here a
 * text is blank when every code point is a space, a control or an invisible format character, and this validator
 * replaces the standard one for every {@code @NotBlank} of the platform.
 */
@Configuration
public class VisibleText {

  /** Whether the text shows nothing a reader could see. */
  public static boolean blank(CharSequence text) {
    return text == null || text.codePoints().allMatch(VisibleText::invisible);
  }

  private static boolean invisible(int codePoint) {
    return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)
        || Character.isISOControl(codePoint) || Character.getType(codePoint) == Character.FORMAT;
  }

  /** The platform's {@code @NotBlank}. */
  public static class NotBlankValidator implements ConstraintValidator<NotBlank, CharSequence> {
    @Override
    public boolean isValid(CharSequence value, ConstraintValidatorContext context) {
      return !blank(value);
    }
  }

  @Bean
  ValidationConfigurationCustomizer visibleNotBlank() {
    return configuration -> {
      if (configuration instanceof HibernateValidatorConfiguration hibernate) {
        ConstraintMapping mapping = hibernate.createConstraintMapping();
        mapping.constraintDefinition(NotBlank.class).includeExistingValidators(false)
            .validatedBy(NotBlankValidator.class);
        hibernate.addMapping(mapping);
      }
    };
  }
}
