package cn.beijing.carboninclusion.supervision;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of bars (the service is {@link Bars}). */
public interface BarRecords extends JpaRepository<Bar, Long> {
  Optional<Bar> findByActiveKey(String activeKey);

  List<Bar> findBySubjectKindAndActiveKeyIsNotNull(Bar.SubjectKind subjectKind);

  Page<Bar> findAllByOrderByIdDesc(Pageable page);
}
