package cn.beijing.carboninclusion.registry;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Repository of revenue return reports. */
interface RevenueReturns extends JpaRepository<RevenueReturn, Long> {

  /**
   * Returned amounts and operating costs per project and period: the verified figures where a payout ledger was
   * reconciled for the project-year, else the developer's self-reported ones.
   */
  interface ReturnedPerPeriod {
    String getProjectRegistrationNo();
    Integer getPeriodYear();
    BigDecimal getReturnedAmount();
    BigDecimal getOperatingCosts();
  }

  @Query("""
      select r.projectRegistrationNo as projectRegistrationNo, r.periodYear as periodYear,
      sum(r.returnedAmount) as returnedAmount, sum(r.operatingCosts) as operatingCosts from RevenueReturn r
      where r.source = 'VERIFIED' or not exists (select v.id from RevenueReturn v
        where v.projectRegistrationNo = r.projectRegistrationNo and v.periodYear = r.periodYear
        and v.source = 'VERIFIED')
      group by r.projectRegistrationNo, r.periodYear""")
  List<ReturnedPerPeriod> returnedPerPeriod();

  /** The verified (payout-ledger) returned amount of a project-year, or null when no ledger was reconciled. */
  @Query("""
      select sum(r.returnedAmount) from RevenueReturn r
      where r.projectRegistrationNo = :registrationNo and r.periodYear = :year and r.source = 'VERIFIED'""")
  BigDecimal verifiedReturned(String registrationNo, int year);
}
