package cn.beijing.carboninclusion.methodology;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of methodology versions. */
public interface Methodologies extends JpaRepository<Methodology, Long> {
  List<Methodology> findByStatusOrderByCodeAscVersionDesc(MethodologyStatus status);

  Optional<Methodology> findByCodeAndVersion(String code, int version);

  boolean existsByCode(String code);

  List<Methodology> findByCodeOrderByVersionDesc(String code);
}
