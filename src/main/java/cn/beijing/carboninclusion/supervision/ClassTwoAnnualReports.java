package cn.beijing.carboninclusion.supervision;

import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/** Repository of Class II yearly reports (the service is {@link ClassTwoReports}). */
public interface ClassTwoAnnualReports extends JpaRepository<ClassTwoAnnualReport, Long> {
  boolean existsByProjectIdAndReportYear(Long projectId, int reportYear);

  Page<ClassTwoAnnualReport> findAllByOrderByIdDesc(Pageable page);

  Page<ClassTwoAnnualReport> findByProjectIdOrderByReportYearDesc(Long projectId, Pageable page);

  /** Rows of (project id, report year) of every filed report. */
  @Query("select r.projectId, r.reportYear from ClassTwoAnnualReport r")
  List<Object[]> filedYears();
}
