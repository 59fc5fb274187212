package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.PublicCounts;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.Projects;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the public sees of reduction applications (disclosed when filed and when registered, DOMAIN.md): the project,
 * the monitoring period, the claimed, recomputed and registered quantities, the issued serials, and — for a
 * registration above the platform's recomputation (beyond {@code recompute-tolerance}) — that it is so and the reasons
 * the technical center and the bureau recorded for it (the forms say those reasons are published). Never the
 * monitoring report, the activity records (participant data), the submitting user or the reviewers' other comments.
 */
@Service
public class PublicReductions {
  private final ReductionApplications applications;
  private final Projects projects;
  private final PublicCounts counts;

  PublicReductions(ReductionApplications applications, Projects projects, PublicCounts counts) {
    this.applications = applications;
    this.projects = projects;
    this.counts = counts;
  }

  public record PublicReduction(Long id, Long projectId, String projectName, String registrationNo,
      LocalDate periodStart, LocalDate periodEnd, ReductionStatus status, String statusLabel,
      BigDecimal claimedTco2e, BigDecimal recomputedTco2e, BigDecimal approvedTco2e, Long issuedQuantity,
      String firstSerial, String lastSerial, Instant submittedAt, boolean aboveRecomputation, String excessReason) {

    /** 高于平台复算 for a registration above the platform's recomputation, else empty. */
    public String recomputationLabel() {
      return aboveRecomputation ? "高于平台复算" : "";
    }
  }

  /** Search criteria; every one optional ({@code text} matches project name or registration number). */
  public record Criteria(ReductionStatus status, String text) {}

  /** One page of the filed applications (every status but draft) matching the criteria, newest first. */
  @Transactional(readOnly = true)
  public Page<PublicReduction> find(Criteria criteria, Pageable pageable) {
    String text = criteria.text() == null || criteria.text().isBlank() ? null
        : criteria.text().trim().toLowerCase(Locale.ROOT);
    String pattern = text == null ? null
        : "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    boolean unfiltered = criteria.status() == null && pattern == null;
    List<Long> ids = unfiltered ? applications.filed(pageable)
        : applications.filed(criteria.status(), pattern, pageable);
    List<ReductionApplication> rows = applications.findAllById(ids).stream()
        .sorted(Comparator.comparing(ReductionApplication::getId).reversed()).toList();
    long total = counts.count("reductions:" + criteria.status() + ":" + pattern,
        () -> unfiltered ? applications.countFiled() : applications.countFiled(criteria.status(), pattern));
    Page<ReductionApplication> found = new PageImpl<>(rows, pageable, total);
    Map<Long, Project> byId = projects.findAllById(found.stream().map(ReductionApplication::getProjectId)
        .collect(Collectors.toSet())).stream().collect(Collectors.toMap(Project::getId, Function.identity()));
    return found.map(a -> view(a, byId.get(a.getProjectId())));
  }

  /** A filed application, or not found. */
  @Transactional(readOnly = true)
  public PublicReduction get(Long id) {
    ReductionApplication application = applications.findById(id)
        .filter(a -> a.getStatus() != ReductionStatus.DRAFT)
        .orElseThrow(() -> new NotFoundException("reduction application", id));
    return view(application, projects.findById(application.getProjectId()).orElseThrow());
  }

  private static PublicReduction view(ReductionApplication a, Project p) {
    return new PublicReduction(a.getId(), a.getProjectId(), p.getName(), p.getRegistrationNo(), a.getPeriodStart(),
        a.getPeriodEnd(), a.getStatus(), a.getStatus().label(), a.getClaimedTco2e(), a.getRecomputedTco2e(),
        a.getApprovedTco2e(), a.getIssuedQuantity(), a.getFirstSerial(), a.getLastSerial(), a.getSubmittedAt(),
        a.isAboveRecomputation(), a.isAboveRecomputation() ? a.getExcessReason() : null);
  }
}
