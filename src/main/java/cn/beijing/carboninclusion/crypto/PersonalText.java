package cn.beijing.carboninclusion.crypto;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import org.springframework.stereotype.Component;

/**
 * Personal text at rest (contact names, phones, e-mail addresses): {@code @Convert(converter = PersonalText.class)}
 * on an entity's field stores it SM4-GCM encrypted under the current field key ({@link Sm4Gcm}'s text form) and reads
 * it back under whichever key it names. A value written before encryption (clear text) is read as it is until
 * {@link FieldKeyRotation} has encrypted it. The column must hold the text form: about 4/3 of the UTF-8 bytes plus 50
 * characters (docs/crypto.md). An encrypted column can be neither searched nor compared in SQL.
 */
@Component
@Converter
public class PersonalText implements AttributeConverter<String, String> {
  private final Sm4Gcm sm4;

  public PersonalText(Sm4Gcm sm4) {
    this.sm4 = sm4;
  }

  @Override
  public String convertToDatabaseColumn(String attribute) {
    return sm4.encryptText(attribute);
  }

  @Override
  public String convertToEntityAttribute(String column) {
    return Sm4Gcm.isEncryptedText(column) ? sm4.decryptText(column) : column;
  }
}
