package cn.beijing.carboninclusion.developer;

import java.time.LocalDate;
import java.util.Optional;

/**
 * Whether a developer organisation stands under a bar (禁入) today: what every filing of a developer asks. A port of
 * the developer capability; the bureau's register of bars (supervision) answers it, so the capabilities that take
 * filings need not know the supervision processes.
 */
public interface DeveloperBars {
  /** A bar in force: its last day and the bureau's reason. */
  record BarInForce(LocalDate barredUntil, String reason) {}

  /** The developer organisation's bar in force today, if any. */
  Optional<BarInForce> barInForce(Long developerOrganisationId);

  /** Refuses (409) a filing by a developer organisation under a bar in force. */
  void requireDeveloperNotBarred(Long developerOrganisationId);
}
