package cn.beijing.carboninclusion.registry;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Repository of revenue return reports. */
interface RevenueReturns extends JpaRepository<RevenueReturn, Long> {

  /** Returned amounts and operating costs per project and period. */
  interface ReturnedPerPeriod {
    String getProjectRegistrationNo();
    Integer getPeriodYear();
    BigDecimal getReturnedAmount();
    BigDecimal getOperatingCosts();
  }

  @Query("""
      select r.projectRegistrationNo as projectRegistrationNo, r.periodYear as periodYear,
      sum(r.returnedAmount) as returnedAmount, sum(r.operatingCosts) as operatingCosts from RevenueReturn r
      group by r.projectRegistrationNo, r.periodYear""")
  List<ReturnedPerPeriod> returnedPerPeriod();
}
