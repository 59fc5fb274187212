package cn.beijing.carboninclusion.developer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnifiedSocialCreditCodeTest {

  @ParameterizedTest
  @ValueSource(strings = {
      "91440300708461136T", // a published enterprise code (Shenzhen), check character T
      "91110105MA01ABCD13", // demo organisations
      "91110108MA02EFGH3X",
      "52110000MJ01234569"})
  void acceptsCodesWithTheRightCheckCharacter(String code) {
    assertThat(UnifiedSocialCreditCode.Validator.isValid(code)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "91440300708461136X", // wrong check character
      "91440300708461136",  // 17 characters
      "914403007084611360T", // 19 characters
      "91440300708461I36T", // I is not in the alphabet
      "91440300708461o36T", // lower case
      "91110105MA01ABCD14", // one off
      ""})
  void refusesMalformedCodes(String code) {
    assertThat(UnifiedSocialCreditCode.Validator.isValid(code)).isFalse();
  }

  @Test
  void computesTheCheckCharacterModulo31() {
    assertThat(UnifiedSocialCreditCode.Validator.checkCharacter("91440300708461136")).isEqualTo('T');
    assertThat(UnifiedSocialCreditCode.Validator.checkCharacter("91110108MA02EFGH3")).isEqualTo('X');
    assertThatThrownBy(() -> UnifiedSocialCreditCode.Validator.checkCharacter("9144030070846113"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullIsLeftToNotBlank() {
    assertThat(new UnifiedSocialCreditCode.Validator().isValid(null, null)).isTrue();
  }
}
