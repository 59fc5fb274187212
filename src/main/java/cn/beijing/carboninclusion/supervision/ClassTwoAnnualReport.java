package cn.beijing.carboninclusion.supervision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** 二类项目年度报告: a disclosed Class II project's revenue management plan and operating report for one year. */
@Entity
@Table(name = "class_two_annual_report")
public class ClassTwoAnnualReport {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "project_id", nullable = false, updatable = false)
  private Long projectId;
  @Column(name = "report_year", nullable = false, updatable = false)
  private int reportYear;
  @Column(name = "revenue_plan", nullable = false, updatable = false)
  private String revenuePlan;
  @Column(name = "operating_report", nullable = false, updatable = false)
  private String operatingReport;
  @Column(name = "filed_by", nullable = false, updatable = false)
  private String filedBy;
  @Column(name = "filed_at", nullable = false, updatable = false)
  private Instant filedAt;

  protected ClassTwoAnnualReport() {}

  public ClassTwoAnnualReport(Long projectId, int reportYear, String revenuePlan, String operatingReport,
      String filedBy, Instant filedAt) {
    this.projectId = projectId;
    this.reportYear = reportYear;
    this.revenuePlan = revenuePlan;
    this.operatingReport = operatingReport;
    this.filedBy = filedBy;
    this.filedAt = filedAt;
  }

  public Long getId() { return id; }
  public Long getProjectId() { return projectId; }
  public int getReportYear() { return reportYear; }
  public String getRevenuePlan() { return revenuePlan; }
  public String getOperatingReport() { return operatingReport; }
  public String getFiledBy() { return filedBy; }
  public Instant getFiledAt() { return filedAt; }
}
