package cn.beijing.carboninclusion.supervision;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of the subjects drawn in spot checks. */
interface SpotCheckItems extends JpaRepository<SpotCheckItem, Long> {
  List<SpotCheckItem> findByDrawIdOrderByRankAsc(Long drawId);

  /** Who inspected the subject in other draws: not drawn for it again. */
  List<SpotCheckItem> findBySubjectKindAndSubjectIdAndDrawIdNot(SpotCheckSubjectKind kind, Long subjectId,
      Long drawId);
}
