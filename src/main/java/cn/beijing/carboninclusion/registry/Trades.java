package cn.beijing.carboninclusion.registry;

import java.math.BigDecimal;
import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

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
}
