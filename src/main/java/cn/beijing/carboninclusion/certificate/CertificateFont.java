package cn.beijing.carboninclusion.certificate;

import com.lowagie.text.pdf.BaseFont;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The CJK font certificates are set in: the configured one ({@code carbon-inclusion.certificates.font}), else the
 * Noto CJK fallback. Loaded on the first certificate and kept; while none is installed every certificate fails with
 * {@link CertificateFontUnavailable} (503), and the next request looks again, so installing the package needs no
 * restart. Embedded with Identity-H as a subset, so the PDF carries the glyphs it uses and its text extracts.
 */
@Component
class CertificateFont {
  private static final Logger log = LoggerFactory.getLogger(CertificateFont.class);
  /** Characters every certificate prints: a font without them is no CJK font. */
  static final String REQUIRED = "北京市碳普惠生态环境局项目登记证书减排量签发注销消纳证明（）：";

  private final List<String> candidates;
  private volatile BaseFont font;

  @Autowired
  CertificateFont(CertificateProperties properties) {
    this(candidates(properties.font()));
  }

  /** Exactly these candidates, in order (tests). */
  CertificateFont(List<String> candidates) {
    this.candidates = List.copyOf(candidates);
  }

  private static List<String> candidates(String configured) {
    List<String> candidates = new ArrayList<>(List.of(configured));
    if (!candidates.contains(CertificateProperties.FALLBACK_FONT)) {
      candidates.add(CertificateProperties.FALLBACK_FONT);
    }
    return candidates;
  }

  /**
   * The font, loaded on first use.
   *
   * @throws CertificateFontUnavailable if no candidate is installed and usable
   */
  BaseFont get() {
    BaseFont loaded = font;
    if (loaded == null) {
      synchronized (this) {
        if (font == null) {
          font = load();
        }
        loaded = font;
      }
    }
    return loaded;
  }

  private BaseFont load() {
    for (String candidate : candidates) {
      String spec = spec(candidate);
      Path file = Path.of(fileOf(spec));
      if (!Files.isReadable(file)) {
        log.debug("certificate font {} not installed", file);
        continue;
      }
      try {
        BaseFont loaded = BaseFont.createFont(spec, BaseFont.IDENTITY_H, BaseFont.EMBEDDED);
        String missing = REQUIRED.codePoints().filter(c -> !loaded.charExists(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        if (!missing.isEmpty()) {
          log.warn("certificate font {} lacks Chinese characters ({}): not used", spec, missing);
          continue;
        }
        log.info("certificates are set in {} ({})", loaded.getPostscriptFontName(), spec);
        return loaded;
      } catch (Exception e) {
        log.warn("certificate font {} could not be read: {}", spec, e.toString());
      }
    }
    log.warn("no CJK font for certificates at {}: certificate requests answer 503 until one is installed "
        + "(apt-get install fonts-wqy-zenhei)", candidates);
    throw new CertificateFontUnavailable();
  }

  /** A collection ({@code .ttc}) without a face index gets face 0, as OpenPDF needs the index. */
  static String spec(String candidate) {
    return candidate.toLowerCase(Locale.ROOT).endsWith(".ttc") ? candidate + ",0" : candidate;
  }

  /** The file of a font spec: {@code /x/y.ttc,2} → {@code /x/y.ttc}. */
  static String fileOf(String spec) {
    int comma = spec.lastIndexOf(',');
    if (comma > 0 && spec.substring(0, comma).toLowerCase(Locale.ROOT).endsWith(".ttc")) {
      return spec.substring(0, comma);
    }
    return spec;
  }
}
