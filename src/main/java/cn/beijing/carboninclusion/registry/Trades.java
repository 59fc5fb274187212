package cn.beijing.carboninclusion.registry;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of trade reports. */
interface Trades extends JpaRepository<Trade, Long> {

  /** Proceeds per project and period: registration no, developer id, period year, sum of proceeds. */
  interface ProceedsPerPeriod {
    String getProjectRegistrationNo();
    Long getDeveloperId();
    Integer getPeriodYear();
    BigDecimal getProceeds();
    Long getQuantity();
  }

  @Query("""
      select t.projectRegistrationNo as projectRegistrationNo, t.developerId as developerId,
      t.periodYear as periodYear, sum(t.proceeds) as proceeds, sum(t.quantity) as quantity from Trade t
      group by t.projectRegistrationNo, t.developerId, t.periodYear
      order by t.projectRegistrationNo, t.periodYear""")
  List<ProceedsPerPeriod> proceedsPerPeriod();

  /** Proceeds the exchange reported for the project's sales traded in [from, to). */
  @Query("""
      select coalesce(sum(t.proceeds), 0) from Trade t
      where t.projectRegistrationNo = :registrationNo and t.tradeDate >= :from and t.tradeDate < :to""")
  BigDecimal proceedsBetween(@Param("registrationNo") String registrationNo, @Param("from") LocalDate from,
      @Param("to") LocalDate to);
}
