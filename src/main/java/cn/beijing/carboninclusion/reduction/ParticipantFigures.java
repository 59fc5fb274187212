package cn.beijing.carboninclusion.reduction;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The public side of a reduction application's participants (docs/participants.md): aggregates only, the Merkle root,
 * and the check of a proof against a root from the submitted data alone.
 */
public interface ParticipantFigures {

  /**
   * The public figures of an application with a payout ledger.
   *
   * @param payoutDeciles the 10th … 90th percentiles of the payouts (yuan); empty below {@link #MIN_FOR_DECILES}
   *     payouts, so that no single payout shows
   */
  record Figures(Long projectId, Long applicationId, long participantsCredited, BigDecimal creditedTco2e,
      long participantsPaid, BigDecimal returnedYuan, BigDecimal proceedsYuan, BigDecimal operatingCosts,
      BigDecimal ratio, BigDecimal minimumRatio, boolean belowMinimum, List<BigDecimal> payoutDeciles,
      long leaves, String merkleRoot) {}

  /** Fewer payouts than this publish no deciles. */
  int MIN_FOR_DECILES = 10;

  Optional<Figures> figures(Long applicationId);

  /**
   * Whether the leaf (pseudonym, credited tCO2e, paid yuan) at {@code index} of {@code treeSize} leaves, with the
   * audit path {@code path} (hex hashes, nearest the leaf first), hashes to {@code root} (hex).
   *
   * @throws IllegalArgumentException naming the field that is malformed
   */
  boolean verify(String root, String pseudonym, BigDecimal creditedTco2e, BigDecimal paidYuan, long index,
      long treeSize, List<String> path);
}
