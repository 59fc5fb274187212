package cn.beijing.carboninclusion.decision;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

/** Repository of conflict declarations. */
public interface ConflictDeclarations extends JpaRepository<ConflictDeclaration, Long> {
  boolean existsByUserIdAndDeveloperId(String userId, Long developerId);

  List<ConflictDeclaration> findByUserIdOrderByIdAsc(String userId);
}
