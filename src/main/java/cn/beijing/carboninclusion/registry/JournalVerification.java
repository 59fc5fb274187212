package cn.beijing.carboninclusion.registry;

import java.time.Instant;

/**
 * The result of recomputing the journal's hash chain.
 *
 * @param ok whether every entry up to the head is present, links to its predecessor and matches its hash
 * @param entriesChecked entries recomputed
 * @param firstBrokenEntryId the first entry that is missing, altered or out of the chain (null when ok)
 * @param problem what is wrong with it (null when ok)
 * @param headEntryId the last entry's id as the head row records it
 * @param headHash the last entry's hash as the head row records it
 * @param privateDetailsChecked whether the digests of the non-public details were recomputed too
 * @param checkedAt when
 * @param sm3FromEntryId the first entry hashed with SM3 (the anchor of Flyway V16); the entries before it are SHA-256
 * @param anchorHash the SHA-256 head the first SM3 entry chains from, as recorded when the chain was re-anchored
 */
public record JournalVerification(boolean ok, long entriesChecked, Long firstBrokenEntryId, String problem,
    long headEntryId, String headHash, boolean privateDetailsChecked, Instant checkedAt, long sm3FromEntryId,
    String anchorHash) {}
