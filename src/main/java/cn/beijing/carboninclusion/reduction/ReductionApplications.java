package cn.beijing.carboninclusion.reduction;

import java.util.List;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of reduction applications. */
public interface ReductionApplications extends JpaRepository<ReductionApplication, Long> {
  List<ReductionApplication> findByProjectIdOrderByPeriodStartAsc(Long projectId);

  java.util.Optional<ReductionApplication> findByProjectIdAndSubmissionKey(Long projectId, String submissionKey);

  /**
   * One page of the filed applications (every status but draft), newest first, of one status or all ({@code null}),
   * of the projects whose lower-case name or registration number is like {@code pattern} ({@code \\} escapes) or all
   * ({@code null}): their ids, read from an index alone, so that a page deep in a million applications skips index
   * entries, not rows. Not counted: {@link #countFiled} counts.
   */
  @Query("""
      select a.id from ReductionApplication a
      where a.status <> cn.beijing.carboninclusion.reduction.ReductionStatus.DRAFT
        and (:status is null or a.status = :status)
        and (:pattern is null or a.projectId in (select p.id from Project p
             where lower(p.name) like :pattern escape '\\' or lower(p.registrationNo) like :pattern escape '\\'))
      order by a.id desc""")
  List<Long> filed(@Param("status") ReductionStatus status, @Param("pattern") String pattern, Pageable page);

  /**
   * The same without filters (the list as it opens): a query of its own, since a plan made for "status or any,
   * pattern or any" reads the whole table.
   */
  @Query("""
      select a.id from ReductionApplication a
      where a.status <> cn.beijing.carboninclusion.reduction.ReductionStatus.DRAFT
      order by a.id desc""")
  List<Long> filed(Pageable page);

  @Query("""
      select count(a) from ReductionApplication a
      where a.status <> cn.beijing.carboninclusion.reduction.ReductionStatus.DRAFT""")
  long countFiled();

  @Query("""
      select count(a) from ReductionApplication a
      where a.status <> cn.beijing.carboninclusion.reduction.ReductionStatus.DRAFT
        and (:status is null or a.status = :status)
        and (:pattern is null or a.projectId in (select p.id from Project p
             where lower(p.name) like :pattern escape '\\' or lower(p.registrationNo) like :pattern escape '\\'))""")
  long countFiled(@Param("status") ReductionStatus status, @Param("pattern") String pattern);
}
