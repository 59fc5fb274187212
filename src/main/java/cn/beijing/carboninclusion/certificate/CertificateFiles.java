package cn.beijing.carboninclusion.certificate;

import cn.beijing.carboninclusion.crypto.Sm2Signer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the platform keeps of the certificates it hands out (Flyway V90): each certificate's verification code, and
 * the SM3 digest and SM2 signature of every PDF it rendered.
 *
 * <p><b>The verification code</b> is 50 random bits (a {@link SecureRandom}) written as 10 characters of Crockford's
 * base32, drawn the first time a certificate is rendered and kept, so every download of the certificate prints the
 * same code. It is not derived from anything public: knowing a certificate number, or any number of other
 * certificates and their codes, tells nothing about the code of another number, so a code cannot be forged; the
 * only way to it is the certificate itself. (A keyed MAC over the number would do the same without a table, but its
 * key would have to outlive every key rotation; a drawn code needs no key at all.)
 *
 * <p><b>The file check.</b> The PDF is rendered afresh at each download (OpenPDF writes its creation time and file
 * id), and its SM2 signature travels in the HTTP header {@code X-Signature-SM2}, not in the file. A holder who kept
 * only the file can still have it checked: the platform records, for every PDF it signs, the SM3 digest of its bytes
 * and the signature; a file is checked by looking up the signatures recorded for its certificate and digest and
 * verifying them against the file's own bytes with the platform's public key. A file changed in a single byte has
 * another digest, finds no signature, and is reported as not signed by the platform.
 */
@Component
class CertificateFiles {
  /** Crockford's base32: digits and letters without I, L, O, U, so a code reads and types without confusion. */
  static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  static final int CODE_LENGTH = 10;

  /** What a certificate certifies (the kinds of {@code certificate_code.kind}). */
  enum Kind { PROJECT, ISSUANCE, RETIREMENT }

  /** A certificate the platform has handed out: its number, what it certifies, and its code. */
  record Issued(String number, Kind kind, long subjectId, String code) {}

  private final JdbcTemplate jdbc;
  private final Sm2Signer signer;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  CertificateFiles(JdbcTemplate jdbc, Sm2Signer signer, Clock clock) {
    this.jdbc = jdbc;
    this.signer = signer;
    this.clock = clock;
  }

  /** The code of the certificate, drawn and kept at its first rendering (two first renderings agree on one). */
  String codeOf(String number, Kind kind, long subjectId) {
    Optional<Issued> known = find(number);
    if (known.isPresent()) {
      return known.get().code();
    }
    try {
      jdbc.update("insert into certificate_code (certificate_number, kind, subject_id, code, created_at) "
          + "values (?, ?, ?, ?, ?)", number, kind.name(), subjectId, draw(), Timestamp.from(clock.instant()));
    } catch (DuplicateKeyException raced) {
      // another download drew the code first: use that one
    }
    return find(number).orElseThrow().code();
  }

  Optional<Issued> find(String number) {
    List<Issued> rows = jdbc.query("select certificate_number, kind, subject_id, code from certificate_code "
        + "where certificate_number = ?", (rs, i) -> new Issued(rs.getString(1), Kind.valueOf(rs.getString(2)),
            rs.getLong(3), rs.getString(4)), number);
    return rows.stream().findFirst();
  }

  /** Records a PDF the platform signed: the SM3 digest of its bytes and its base64 signature. */
  void recordFile(String number, String sm3Hex, String signatureBase64) {
    jdbc.update("insert into certificate_file (certificate_number, content_sm3, signature, rendered_at) "
        + "values (?, ?, ?, ?)", number, sm3Hex, signatureBase64, Timestamp.from(clock.instant()));
  }

  /**
   * Whether the platform signed exactly these bytes as this certificate: a signature recorded for the number and the
   * bytes' digest that verifies, with the platform's public key, over the bytes themselves.
   */
  boolean signedByPlatform(String number, String sm3Hex, byte[] pdf) {
    List<String> signatures = jdbc.queryForList("select signature from certificate_file "
        + "where certificate_number = ? and content_sm3 = ?", String.class, number, sm3Hex);
    return signatures.stream().anyMatch(signature -> signer.verify(pdf, Base64.getDecoder().decode(signature)));
  }

  /** Whether {@code typed} is the certificate's code, as printed or typed (any case, hyphens and spaces ignored). */
  static boolean matches(String code, String typed) {
    String normalised = normalise(typed);
    return normalised != null && MessageDigest.isEqual(code.getBytes(StandardCharsets.US_ASCII),
        normalised.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * A typed code in its canonical form (upper case, without separators, O read as 0 and I, L as 1, as Crockford
   * specifies), or null when it is not 10 characters of the alphabet.
   */
  static String normalise(String typed) {
    if (typed == null) {
      return null;
    }
    String code = typed.strip().toUpperCase(Locale.ROOT).replace("-", "").replace(" ", "")
        .replace('O', '0').replace('I', '1').replace('L', '1');
    if (code.length() != CODE_LENGTH) {
      return null;
    }
    for (char c : code.toCharArray()) {
      if (ALPHABET.indexOf(c) < 0) {
        return null;
      }
    }
    return code;
  }

  /** A code as printed: two groups of five, {@code 7K3QD-M9X2F}. */
  static String printed(String code) {
    return code.substring(0, 5) + "-" + code.substring(5);
  }

  private String draw() {
    long bits = random.nextLong() >>> (64 - 5 * CODE_LENGTH);
    char[] code = new char[CODE_LENGTH];
    for (int i = CODE_LENGTH - 1; i >= 0; i--) {
      code[i] = ALPHABET.charAt((int) (bits & 31));
      bits >>>= 5;
    }
    return new String(code);
  }
}
