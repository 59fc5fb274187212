package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.calendar.CalendarProperties;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.registry.RegistryViews.RevenueReturnFlags;
import cn.beijing.carboninclusion.registry.RegistryViews.RevenueReturnRatio;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 收益返还: compares what each project's developer reports as returned to participants with the proceeds the exchange
 * reported for its sales, per calendar year, and flags every project-year below
 * the scheme rule {@code revenueReturnMin} (0.90).
 *
 * <p>{@code ratio = returned / (proceeds − operating costs)}. A period with proceeds whose costs absorb them all is
 * flagged too (nothing left to return is a finding to review); a period with no proceeds is not rated. Periods of the
 * current year are marked provisional: returns may still be paid.
 */
@Service
public class RevenueReturnMonitor {
  private final Trades trades;
  private final RevenueReturns revenueReturns;
  private final SchemeRuleBook rules;
  private final CurrentUser currentUser;
  private final DeveloperService developers;
  private final CalendarProperties calendar;
  private final Clock clock;

  RevenueReturnMonitor(Trades trades, RevenueReturns revenueReturns, SchemeRuleBook rules, CurrentUser currentUser,
      DeveloperService developers, CalendarProperties calendar, Clock clock) {
    this.trades = trades;
    this.revenueReturns = revenueReturns;
    this.rules = rules;
    this.currentUser = currentUser;
    this.developers = developers;
    this.calendar = calendar;
    this.clock = clock;
  }

  /** Every rated project-period (the authorities see all, a developer its own projects). */
  @Transactional(readOnly = true)
  public List<RevenueReturnRatio> ratios() {
    List<RevenueReturnRatio> all = computeAll();
    if (currentUser.isAuthority()) {
      return all;
    }
    Long own = developers.currentOrganisation().getId();
    return all.stream().filter(r -> own.equals(r.developerId())).toList();
  }

  /** The project-periods below the minimum (for the bureau and the technical center). */
  @Transactional(readOnly = true)
  public RevenueReturnFlags flags() {
    return new RevenueReturnFlags(rules.share(SchemeRule.REVENUE_RETURN_MIN),
        computeAll().stream().filter(RevenueReturnRatio::belowMinimum).toList());
  }

  /** What the registry records as proceeds of the project's sales traded in [from, to) (trade reports). */
  @Transactional(readOnly = true)
  public BigDecimal recordedProceeds(String registrationNo, LocalDate from, LocalDate toExclusive) {
    return trades.proceedsBetween(registrationNo, from, toExclusive);
  }

  /**
   * What the participants were paid in the project-year according to the reconciled payout ledgers (the verified
   * returns, docs/participants.md); empty when no ledger was reconciled for it.
   */
  @Transactional(readOnly = true)
  public java.util.Optional<BigDecimal> verifiedReturned(String registrationNo, int year) {
    return java.util.Optional.ofNullable(revenueReturns.verifiedReturned(registrationNo, year));
  }

  private List<RevenueReturnRatio> computeAll() {
    Map<String, RevenueReturns.ReturnedPerPeriod> returned = new HashMap<>();
    for (RevenueReturns.ReturnedPerPeriod r : revenueReturns.returnedPerPeriod()) {
      returned.put(r.getProjectRegistrationNo() + "|" + r.getPeriodYear(), r);
    }
    int currentYear = Instant.now(clock).atZone(calendar.zone()).getYear();
    BigDecimal minimum = rules.share(SchemeRule.REVENUE_RETURN_MIN);
    List<RevenueReturnRatio> ratios = new ArrayList<>();
    for (Trades.ProceedsPerPeriod p : trades.proceedsPerPeriod()) {
      RevenueReturns.ReturnedPerPeriod r = returned.get(p.getProjectRegistrationNo() + "|" + p.getPeriodYear());
      ratios.add(rate(p.getProjectRegistrationNo(), p.getDeveloperId(), p.getPeriodYear(), p.getQuantity(),
          p.getProceeds(), r == null ? BigDecimal.ZERO : r.getOperatingCosts(),
          r == null ? BigDecimal.ZERO : r.getReturnedAmount(), minimum, p.getPeriodYear() >= currentYear));
    }
    return ratios;
  }

  /** The rule itself, without the database: see the class comment. */
  public static RevenueReturnRatio rate(String registrationNo, Long developerId, int year, long quantitySold,
      BigDecimal proceeds, BigDecimal operatingCosts, BigDecimal returnedAmount, BigDecimal minimum,
      boolean provisional) {
    BigDecimal net = proceeds.subtract(operatingCosts);
    BigDecimal ratio = null;
    boolean below;
    if (proceeds.signum() == 0) {
      below = false;
    } else if (net.signum() <= 0) {
      below = true;
    } else {
      ratio = returnedAmount.divide(net, 4, RoundingMode.DOWN);
      below = returnedAmount.compareTo(minimum.multiply(net)) < 0;
    }
    return new RevenueReturnRatio(registrationNo, developerId, year, quantitySold, proceeds, operatingCosts, net,
        returnedAmount, ratio, minimum, below, provisional);
  }
}
