package cn.beijing.carboninclusion.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * What of a decision the decisions journal publishes ({@link DecisionJournal#outcome}): only values of choice fields
 * that are among the form's codes, sorted, never free text, never an expert's opinion.
 */
class DecisionJournalOutcomeTest {
  static final Map<String, Set<String>> CHOICES = Map.of("reviewDecision", Set.of("APPROVE", "REJECT"),
      "verificationFalse", Set.of("true", "false"), "expertOpinion", Set.of("APPROVE", "REVISE", "REJECT"),
      "odd", Set.of("a;b=c"));

  @Test
  void onlyTheFormsCodesArePublished() {
    Map<String, Object> values = new TreeMap<>(Map.of("reviewDecision", "APPROVE", "reviewComment", "张三的理由",
        "verificationFalse", true, "approvedTco2e", 120.5));
    assertThat(DecisionJournal.outcome(values, CHOICES)).isEqualTo("reviewDecision=APPROVE;verificationFalse=true");
  }

  @Test
  void aValueTheFormDoesNotOfferAndExpertsOpinionsStayPrivate() {
    assertThat(DecisionJournal.outcome(Map.of("reviewDecision", "王五同意"), CHOICES)).isEmpty();
    assertThat(DecisionJournal.outcome(Map.of("expertOpinion", "REJECT"), CHOICES)).isEmpty();
  }

  @Test
  void separatorsAreEncoded() {
    assertThat(DecisionJournal.outcome(Map.of("odd", "a;b=c"), CHOICES)).isEqualTo("odd=a%3Bb%3Dc");
  }
}
