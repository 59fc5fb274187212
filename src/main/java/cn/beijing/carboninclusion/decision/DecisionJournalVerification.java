package cn.beijing.carboninclusion.decision;

import java.time.Instant;
import java.util.List;

/**
 * The result of recomputing the decisions journal ({@link DecisionJournal#verify}).
 *
 * @param ok whether every entry up to the head is present, links to its predecessor and matches its hash, and (with
 *     the non-public details) every entry matches its recorded decision and every decision is journalled
 * @param entriesChecked entries recomputed intact, in order
 * @param firstBrokenEntryId the first entry where the chain breaks: missing, moved or altered (null when intact)
 * @param problem what is wrong there (null when intact)
 * @param headEntryId the last entry's id as the head row records it
 * @param headHash the last entry's hash as the head row records it
 * @param privateDetailsChecked whether the entries were held against the recorded decisions (the authorities' check)
 * @param findings each entry that differs from its recorded decision, and each decision missing from the journal
 *     (at most 100; empty for the public check)
 * @param checkedAt when
 */
public record DecisionJournalVerification(boolean ok, long entriesChecked, Long firstBrokenEntryId, String problem,
    long headEntryId, String headHash, boolean privateDetailsChecked, List<Finding> findings, Instant checkedAt) {

  /** An entry (or, with no entry, a recorded decision) found wrong, and how. */
  public record Finding(Long entryId, Long caseDecisionId, String problem) {}
}
