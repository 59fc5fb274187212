package cn.beijing.carboninclusion.supervision;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The draw of 双随机、一公开, as anyone can recompute it from what is published: no engine, no database, no random
 * generator of a particular library — only SHA-256 over UTF-8 text.
 * <ol>
 *   <li>seed = SHA-256({@code "BJCI-SPOT-CHECK|" + year + "|" + seedPhrase}), lower-case hex;</li>
 *   <li>each subject of the population gets the key SHA-256({@code seed + "|" + kind + "|" + id}) (kind
 *       {@code PROJECT} or {@code AGENCY}, id in decimal);</li>
 *   <li>the sample of a kind is the {@code n} subjects with the smallest keys (hex order), in that order.</li>
 * </ol>
 * The population digest is SHA-256 of the population written as {@code "PROJECT:" + ids + "\nAGENCY:" + ids}, ids
 * ascending and comma-separated, so a reader can confirm the published population is the one drawn from.
 */
final class SpotCheckSampling {
  static final String PREFIX = "BJCI-SPOT-CHECK|";

  private SpotCheckSampling() {}

  /** The seed of a year's draw. */
  static String seed(int year, String seedPhrase) {
    return sha256(PREFIX + year + "|" + seedPhrase);
  }

  /** The {@code n} subjects of the kind drawn from {@code population} with {@code seed}, in draw order. */
  static List<Long> draw(String seed, SpotCheckSubjectKind kind, List<Long> population, int n) {
    return population.stream().distinct()
        .map(id -> new Keyed(id, sha256(seed + "|" + kind.name() + "|" + id)))
        .sorted(Comparator.comparing(Keyed::key))
        .limit(Math.max(0, n))
        .map(Keyed::id)
        .toList();
  }

  /**
   * The order in which inspectors are offered a subject: by SHA-256({@code seed + "|INSPECTOR|" + kind + "|" + id +
   * "|" + userId}). Who is eligible (no earlier decision on the project, no declared conflict) is not public, so this
   * part of the draw is recorded rather than published.
   */
  static List<String> inspectorOrder(String seed, SpotCheckSubjectKind kind, long subjectId, List<String> inspectors) {
    return inspectors.stream().distinct()
        .sorted(Comparator.comparing((String user) -> sha256(seed + "|INSPECTOR|" + kind.name() + "|" + subjectId
            + "|" + user)))
        .toList();
  }

  /** SHA-256 of the population: its ids ascending, per kind. */
  static String populationDigest(List<Long> projects, List<Long> agencies) {
    return sha256("PROJECT:" + joined(projects) + "\nAGENCY:" + joined(agencies));
  }

  /** How many of a population are drawn: the share rounded up, at least the minimum, at most all of them. */
  static int sampleSize(int population, java.math.BigDecimal share, int minimum) {
    int byShare = share.multiply(java.math.BigDecimal.valueOf(population))
        .setScale(0, java.math.RoundingMode.CEILING).intValueExact();
    return Math.min(population, Math.max(minimum, byShare));
  }

  private static String joined(List<Long> ids) {
    return ids.stream().sorted().distinct().map(String::valueOf).collect(Collectors.joining(","));
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Keyed(long id, String key) {}
}
