package cn.beijing.carboninclusion.reduction.activity;

import cn.beijing.carboninclusion.reduction.ReductionLifecycle;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.methodology.FormulaException;
import cn.beijing.carboninclusion.methodology.Methodologies;
import cn.beijing.carboninclusion.methodology.Methodology;
import cn.beijing.carboninclusion.methodology.ReductionFormula;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.Projects;
import cn.beijing.carboninclusion.reduction.ReductionApplication;
import cn.beijing.carboninclusion.reduction.ReductionApplications;
import cn.beijing.carboninclusion.reduction.ReductionStatus;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.support.SQLErrorCodeSQLExceptionTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.function.SingletonSupplier;

/**
 * Activity data of reduction applications at scale: a file of trip records (a million lines and more) is streamed,
 * validated line by line, computed with the methodology's formula and recorded, all or nothing; a trip id is claimed
 * once across every application of every project. docs/activity-data.md.
 */
@Service
public class ActivityUploads {
  /** The reduction application's case type in the audit trail. */
  static final String CASE_TYPE = ReductionLifecycle.CASE_TYPE;

  /**
   * Statuses in which a developer may upload, or replace, an application's activity data: {@code DRAFT}; on a
   * platform whose applications have no draft status, {@code SUBMITTED}.
   */
  public static final Set<ReductionStatus> OPEN_FOR_UPLOAD = openForUpload();

  private final DataSource dataSource;
  /** Made at the first SQL error: reading Spring's sql-error-codes.xml took 0.1–0.3 s of every start. */
  private final SingletonSupplier<SQLExceptionTranslator> exceptionTranslator;
  private final ActivityIntake intake;
  private final EntityManager entityManager;
  private final ReductionApplications applications;
  private final Projects projects;
  private final Methodologies methodologies;
  private final DeveloperService developers;
  private final CurrentUser currentUser;
  private final AuditTrail auditTrail;
  private final Pseudonyms pseudonyms;

  ActivityUploads(DataSource dataSource, ActivityDataSettings settings, Clock clock,
      EntityManager entityManager, ReductionApplications applications, Projects projects,
      Methodologies methodologies, DeveloperService developers, CurrentUser currentUser, AuditTrail auditTrail, Pseudonyms pseudonyms) {
    this.dataSource = dataSource;
    this.exceptionTranslator = SingletonSupplier.of(() -> new SQLErrorCodeSQLExceptionTranslator(dataSource));
    this.intake = new ActivityIntake(settings, clock);
    this.entityManager = entityManager;
    this.applications = applications;
    this.projects = projects;
    this.methodologies = methodologies;
    this.developers = developers;
    this.currentUser = currentUser;
    this.auditTrail = auditTrail;
    this.pseudonyms = pseudonyms;
  }

  /** Streams, validates, computes and records the upload of one application; all or nothing. */
  @Transactional
  public UploadResult upload(Long applicationId, Long projectId, ReductionFormula formula, InputStream csv) {
    ReductionApplication application = applications.findById(applicationId)
        .orElseThrow(() -> new NotFoundException("reduction application", applicationId));
    if (!application.getProjectId().equals(projectId)) {
      throw new InvalidInputException("projectId", "减排量申请不属于该项目 (the application belongs to project "
          + application.getProjectId() + ")");
    }
    if (onConnection(connection -> hasPayoutLedger(connection, applicationId))) {
      throw new ConflictException("该减排量申请已有发放台账，活动数据不能再替换 (reduction application " + applicationId
          + " has a payout ledger: its participants' shares, and the Merkle root over them, are fixed)");
    }
    Pseudonyms.Of pseudonymsOfProject = pseudonyms.of(projectId);
    UploadResult result = onConnection(connection ->
        intake.upload(connection, applicationId, projectId, formula, pseudonymsOfProject, csv));
    auditTrail.record(CASE_TYPE, applicationId, "ACTIVITIES_UPLOADED", null, null, "活动数据 " + result.rows()
        + " 条，计算减排量 " + result.reductionTco2e().toPlainString() + " tCO2e，文件 SHA-256 " + result.sha256());
    return result;
  }

  /** The accepted upload of an application, if any. */
  @Transactional(readOnly = true)
  public Optional<UploadResult> resultFor(Long applicationId) {
    return onConnection(connection -> intake.find(connection, applicationId));
  }

  /**
   * The developer's upload through the API: the application must be the caller's organisation's (else not found)
   * and open for activity data ({@link #OPEN_FOR_UPLOAD}, else a conflict); the formula is that of the project's
   * methodology. A new upload replaces an earlier one of the same application. The application row stays locked
   * while the file is processed, so it cannot be submitted half way.
   */
  @Transactional
  public UploadResult uploadAsDeveloper(Long applicationId, InputStream csv) {
    Long organisationId = developers.currentOrganisation().getId();
    ReductionApplication application = entityManager.find(ReductionApplication.class, applicationId,
        LockModeType.PESSIMISTIC_WRITE);
    Project project = application == null ? null : projects.findById(application.getProjectId()).orElse(null);
    if (project == null || !project.getDeveloperId().equals(organisationId)) {
      throw new NotFoundException("reduction application", applicationId);
    }
    if (!OPEN_FOR_UPLOAD.contains(application.getStatus())) {
      throw new ConflictException("减排量申请当前状态为" + application.getStatus().label() + "，不能上传活动数据 "
          + "(activity data can be uploaded only while the application is " + OPEN_FOR_UPLOAD + "; it is "
          + application.getStatus() + ")");
    }
    return upload(applicationId, project.getId(), formulaOf(project), csv);
  }

  /** The accepted upload as the caller may see it: authorities see every one, developers their own. */
  @Transactional(readOnly = true)
  public UploadResult visibleResult(Long applicationId) {
    ReductionApplication application = applications.findById(applicationId)
        .orElseThrow(() -> new NotFoundException("reduction application", applicationId));
    if (!currentUser.isAuthority()) {
      Long organisationId = developers.currentOrganisation().getId();
      Project project = projects.findById(application.getProjectId()).orElseThrow();
      if (!project.getDeveloperId().equals(organisationId)) {
        throw new NotFoundException("reduction application", applicationId);
      }
    }
    return resultFor(applicationId).orElseThrow(() -> new NotFoundException("activity upload", applicationId));
  }

  /**
   * Releases an application's claimed trip ids and its upload record (an application withdrawn, rejected or
   * terminated no longer claims its activities; the process decides when). Returns the number of ids released.
   */
  @Transactional
  public long release(Long applicationId) {
    long released = onConnection(connection -> intake.release(connection, applicationId));
    if (released > 0) {
      auditTrail.record(CASE_TYPE, applicationId, "ACTIVITIES_RELEASED", null, null,
          "释放活动数据 " + released + " 条 (activity records released)");
    }
    return released;
  }

  private ReductionFormula formulaOf(Project project) {
    Methodology methodology = methodologies.findById(project.getMethodologyId()).orElseThrow();
    try {
      return ReductionFormula.parse(methodology.getFormula(), methodology.getParameters());
    } catch (FormulaException e) {
      throw new ConflictException("项目所用方法学没有可计算的减排量公式 (the project's methodology has no usable "
          + "formula): " + e.getMessage());
    }
  }

  private static boolean hasPayoutLedger(Connection connection, Long applicationId) throws SQLException {
    try (java.sql.PreparedStatement statement = connection.prepareStatement(
        "select count(*) from payout_ledger where application_id = ?")) {
      statement.setLong(1, applicationId);
      try (java.sql.ResultSet rs = statement.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }

  /** Work on the JDBC connection of the current transaction (the one JPA uses too). */
  private <T> T onConnection(ConnectionWork<T> work) {
    Connection connection = DataSourceUtils.getConnection(dataSource);
    try {
      return work.apply(connection);
    } catch (SQLException e) {
      DataAccessException translated = exceptionTranslator.obtain().translate("activity upload", null, e);
      throw translated != null ? translated : new UncategorizedSQLException("activity upload", null, e);
    } catch (IOException e) {
      throw new UncheckedIOException("活动数据文件读取失败 (activity file could not be read)", e);
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }

  @FunctionalInterface
  private interface ConnectionWork<T> {
    T apply(Connection connection) throws SQLException, IOException;
  }

  private static Set<ReductionStatus> openForUpload() {
    return Arrays.stream(ReductionStatus.values())
        .filter(status -> status.name().equals("DRAFT"))
        .findFirst()
        .map(Set::of)
        .orElse(Set.of(ReductionStatus.SUBMITTED));
  }
}
