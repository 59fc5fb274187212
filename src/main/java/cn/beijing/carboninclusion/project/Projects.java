package cn.beijing.carboninclusion.project;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

/** Repository of projects. */
public interface Projects extends JpaRepository<Project, Long>, JpaSpecificationExecutor<Project> {
  List<Project> findByDeveloperIdOrderByIdDesc(Long developerId);

  // the pages of GET /api/projects, newest first (indexes of V55: (status, id) and (developer_id, id))
  Page<Project> findPageByOrderByIdDesc(Pageable page);

  Page<Project> findPageByStatusOrderByIdDesc(ProjectStatus status, Pageable page);

  Page<Project> findPageByDeveloperIdOrderByIdDesc(Long developerId, Pageable page);

  Page<Project> findPageByDeveloperIdAndStatusOrderByIdDesc(Long developerId, ProjectStatus status, Pageable page);

  List<Project> findByStatusIn(Collection<ProjectStatus> statuses);

  List<Project> findByMethodologyId(Long methodologyId);

  /** How many projects are in each of the statuses: rows of (status, count). */
  @Query("select p.status, count(p) from Project p where p.status in :statuses group by p.status")
  List<Object[]> countByStatus(@Param("statuses") Collection<ProjectStatus> statuses);

  /** How many projects are in each district and status: rows of (district, status, count). */
  @Query("""
      select p.district, p.status, count(p) from Project p where p.status in :statuses
      group by p.district, p.status order by p.district""")
  List<Object[]> countByDistrictAndStatus(@Param("statuses") Collection<ProjectStatus> statuses);

  /** The districts of the projects in the statuses, in order, each once. */
  @Query("select distinct p.district from Project p where p.status in :statuses order by p.district")
  List<String> districtsOf(@Param("statuses") Collection<ProjectStatus> statuses);

  /** Other projects (any methodology, any status) that declare the identifier. */
  @Query("""
      select distinct p from Project p join p.identifiers i
      where p.id <> :projectId and i.scheme = :scheme and i.identifier = :identifier""")
  List<Project> findOthersDeclaring(@Param("projectId") Long projectId, @Param("scheme") String scheme,
      @Param("identifier") String identifier);

  /** Other projects (any status, any methodology) on the same site: district and normalised address. */
  List<Project> findFirst50BySiteKeyAndIdNotOrderByIdDesc(String siteKey, Long id);

  /** Other projects whose coordinates lie in the box (the caller measures the exact distance). */
  @Query("""
      select p from Project p where p.id <> :projectId and p.latitude between :south and :north
      and p.longitude between :west and :east order by p.id desc""")
  List<Project> findOthersWithin(@Param("projectId") Long projectId, @Param("south") BigDecimal south,
      @Param("north") BigDecimal north, @Param("west") BigDecimal west, @Param("east") BigDecimal east,
      Pageable limit);

  java.util.Optional<Project> findBySubmissionKey(String submissionKey);

  /** Open applications of a developer with this name (a double submit of the same application). */
  boolean existsByDeveloperIdAndNameAndStatusIn(Long developerId, String name, Collection<ProjectStatus> statuses);
}
