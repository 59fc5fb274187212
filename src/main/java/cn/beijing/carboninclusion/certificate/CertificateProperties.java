package cn.beijing.carboninclusion.certificate;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the certificates ({@code carbon-inclusion.certificates.*}), documented in docs/operations.md.
 *
 * @param font the CJK TrueType font the certificates are set in and embed (as a subset): a {@code .ttf}, or a
 *     {@code .ttc} collection with the face's index after a comma; key {@code carbon-inclusion.certificates.font},
 *     default {@value #DEFAULT_FONT} (Debian package {@code fonts-wqy-zenhei}). When it is missing,
 *     {@value #FALLBACK_FONT} (package {@code fonts-noto-cjk}) is tried; when neither is there, the certificate
 *     endpoints answer 503.
 */
@ConfigurationProperties(prefix = "carbon-inclusion.certificates")
public record CertificateProperties(@DefaultValue(CertificateProperties.DEFAULT_FONT) String font) {
  /** 文泉驿正黑, face 0 of the collection, as Debian's {@code fonts-wqy-zenhei} installs it. */
  public static final String DEFAULT_FONT = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0";
  /** Noto Sans CJK SC (face 2 of the collection), as Debian's {@code fonts-noto-cjk} installs it. */
  public static final String FALLBACK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2";

  public CertificateProperties {
    font = font == null || font.isBlank() ? DEFAULT_FONT : font.strip();
  }
}
