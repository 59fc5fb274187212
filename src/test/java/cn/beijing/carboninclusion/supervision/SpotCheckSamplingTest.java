package cn.beijing.carboninclusion.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The draw of 双随机、一公开 as a reader recomputes it from the published seed and population: no engine, no Spring. */
class SpotCheckSamplingTest {
  private static final List<Long> PROJECTS = LongStream.rangeClosed(1, 40).map(i -> i * 7 + 100).boxed().toList();

  @Test
  void theSeedIsTheSha256OfTheYearAndThePhrase() throws Exception {
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest("BJCI-SPOT-CHECK|2026|北京市双随机抽查 2026".getBytes(StandardCharsets.UTF_8)));
    assertThat(SpotCheckSampling.seed(2026, "北京市双随机抽查 2026")).isEqualTo(expected).hasSize(64);
    assertThat(SpotCheckSampling.seed(2027, "北京市双随机抽查 2026")).isNotEqualTo(expected);
  }

  @Test
  void aReaderRecomputesTheSampleFromTheSeedAndThePopulation() throws Exception {
    String seed = SpotCheckSampling.seed(2026, "公开口令");
    List<Long> drawn = SpotCheckSampling.draw(seed, SpotCheckSubjectKind.PROJECT, PROJECTS, 5);

    // the reader's own ten lines: key each id, sort by key, take the first five
    TreeMap<String, Long> byKey = new TreeMap<>();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Long id : PROJECTS) {
      byKey.put(HexFormat.of().formatHex(sha.digest((seed + "|PROJECT|" + id).getBytes(StandardCharsets.UTF_8))), id);
    }
    assertThat(drawn).hasSize(5).containsExactlyElementsOf(byKey.values().stream().limit(5).toList());
  }

  @Test
  void theSampleDependsOnTheSeedNotOnTheOrderThePopulationIsListedIn() {
    String seed = SpotCheckSampling.seed(2026, "公开口令");
    List<Long> shuffled = new ArrayList<>(PROJECTS);
    Collections.shuffle(shuffled, new Random(7));
    assertThat(SpotCheckSampling.draw(seed, SpotCheckSubjectKind.PROJECT, shuffled, 6))
        .containsExactlyElementsOf(SpotCheckSampling.draw(seed, SpotCheckSubjectKind.PROJECT, PROJECTS, 6));
    assertThat(SpotCheckSampling.draw(SpotCheckSampling.seed(2026, "另一个口令"), SpotCheckSubjectKind.PROJECT, PROJECTS,
        6)).isNotEqualTo(SpotCheckSampling.draw(seed, SpotCheckSubjectKind.PROJECT, PROJECTS, 6));
    // projects and agencies with the same ids are keyed apart
    assertThat(SpotCheckSampling.draw(seed, SpotCheckSubjectKind.AGENCY, PROJECTS, 6))
        .isNotEqualTo(SpotCheckSampling.draw(seed, SpotCheckSubjectKind.PROJECT, PROJECTS, 6));
  }

  @Test
  void theSampleSizeIsTheShareRoundedUpAtLeastTheMinimumAtMostEveryone() {
    assertThat(SpotCheckSampling.sampleSize(40, new BigDecimal("0.10"), 3)).isEqualTo(4);
    assertThat(SpotCheckSampling.sampleSize(41, new BigDecimal("0.10"), 3)).isEqualTo(5);
    assertThat(SpotCheckSampling.sampleSize(12, new BigDecimal("0.10"), 3)).isEqualTo(3);
    assertThat(SpotCheckSampling.sampleSize(2, new BigDecimal("0.10"), 3)).isEqualTo(2);
    assertThat(SpotCheckSampling.sampleSize(0, new BigDecimal("0.20"), 1)).isZero();
    assertThat(SpotCheckSampling.draw("00", SpotCheckSubjectKind.PROJECT, PROJECTS, 1000)).hasSize(PROJECTS.size());
  }

  @Test
  void thePopulationDigestCoversBothListsWhateverTheirOrder() {
    String digest = SpotCheckSampling.populationDigest(List.of(3L, 1L, 2L), List.of(9L, 8L));
    assertThat(digest).isEqualTo(SpotCheckSampling.sha256("PROJECT:1,2,3\nAGENCY:8,9"))
        .isEqualTo(SpotCheckSampling.populationDigest(List.of(1L, 2L, 3L), List.of(8L, 9L)))
        .isNotEqualTo(SpotCheckSampling.populationDigest(List.of(1L, 2L), List.of(3L, 8L, 9L)));
  }

  @Test
  void inspectorsAreOfferedInAnOrderTheSeedFixes() {
    List<String> staff = List.of("lina", "liuyang", "wangfang", "zhangwei");
    String seed = SpotCheckSampling.seed(2026, "公开口令");
    List<String> order = SpotCheckSampling.inspectorOrder(seed, SpotCheckSubjectKind.PROJECT, 107, staff);
    assertThat(order).containsExactlyInAnyOrderElementsOf(staff)
        .containsExactlyElementsOf(SpotCheckSampling.inspectorOrder(seed, SpotCheckSubjectKind.PROJECT, 107,
            List.of("zhangwei", "wangfang", "liuyang", "lina")));
  }
}
