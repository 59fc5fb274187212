package cn.beijing.carboninclusion.registry;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of movements: the serial history and the public statistics. */
interface Movements extends JpaRepository<Movement, Long> {

  /** Every step that touched any of the units {@code first..last}, in journal order. */
  @Query("""
      select m from Movement m where m.projectRegistrationNo = :registrationNo and m.vintageYear = :vintage
      and m.firstUnit <= :last and m.lastUnit >= :first order by m.journalEntryId, m.id""")
  List<Movement> touching(@Param("registrationNo") String registrationNo, @Param("vintage") int vintage,
      @Param("first") long first, @Param("last") long last);

  /** Totals per kind and purpose: kind, purpose (or null), sum of quantities. */
  @Query("select m.kind, m.purpose, sum(m.quantity) from Movement m group by m.kind, m.purpose")
  List<Object[]> totals();
}
