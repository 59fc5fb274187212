package cn.beijing.carboninclusion.common;

import java.util.Collection;
import java.util.Map;

/**
 * A port of the daily publication of journal heads (disclosure.JournalHeadPublication): a hash-chained journal whose
 * head (entry count and hash of the last entry) is published every day, so that copies exist outside the database,
 * and whose verification checks each published head against the chain recomputed from the rows. Implemented by the
 * module that owns the journal (the registry journal, the decisions journal).
 */
public interface PublishedJournal {

  /** The journal's name in the published heads: {@code registry} or {@code decisions}. */
  String name();

  /** The journal's Chinese name, as the portal shows it. */
  String label();

  /** The head as the journal's head row records it now: the number of entries and the last entry's hash. */
  Head head();

  /**
   * Recomputes the chain from the stored rows, with the details that are not public, and answers the recomputed
   * hash after each of {@code entryCounts} entries that lie within the intact part of the chain (after 0 entries:
   * the chain's starting hash); a count beyond the first broken entry or the head has no hash in the answer.
   */
  Recomputed recompute(Collection<Long> entryCounts);

  /** A journal's head: how many entries it holds and the hash of the last one. */
  record Head(long entryCount, String hash) {}

  /**
   * A recomputation of the chain.
   *
   * @param ok whether the whole chain up to the head, and every non-public detail, matched
   * @param entriesChecked how many entries were recomputed intact, in order
   * @param firstBrokenEntryId the first entry found wrong (null when ok)
   * @param problem what is wrong with it (null when ok)
   * @param hashesAt entry count → the recomputed hash after that many entries
   */
  record Recomputed(boolean ok, long entriesChecked, Long firstBrokenEntryId, String problem,
      Map<Long, String> hashesAt) {}
}
