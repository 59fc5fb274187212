package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.NotFoundException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The versioned history of a registered project's data. Whoever needs the data of a period — the reduction checks,
 * the issuance, the audit checks — asks for the version in force on a day instead of reading the project row, which
 * only mirrors the latest version.
 */
@Service
public class ProjectVersions {
  private final ProjectVersionRecords versions;
  private final ProjectChanges changes;

  public ProjectVersions(ProjectVersionRecords versions, ProjectChanges changes) {
    this.versions = versions;
    this.changes = changes;
  }

  /**
   * The version in force on {@code day}: the one with the latest effective date on or before the day (the higher
   * version number among equal dates); before version 1 took effect, version 1.
   *
   * @throws NotFoundException when the project has no version (it was never registered)
   */
  @Transactional(readOnly = true)
  public ProjectVersion inForce(Long projectId, LocalDate day) {
    return inForce(history(projectId), day).orElseThrow(() -> new NotFoundException("project version", projectId));
  }

  /** {@link #inForce(Long, LocalDate)} over a loaded history (oldest first); empty for an empty history. */
  static Optional<ProjectVersion> inForce(List<ProjectVersion> history, LocalDate day) {
    if (history.isEmpty()) {
      return Optional.empty();
    }
    return history.stream().filter(v -> !v.getEffectiveFrom().isAfter(day))
        .max(Comparator.comparing(ProjectVersion::getEffectiveFrom).thenComparing(ProjectVersion::getVersionNo))
        .or(() -> Optional.of(history.get(0)));
  }

  /** The versions in force at some day of the period {@code [from, to]}, oldest first. */
  @Transactional(readOnly = true)
  public List<ProjectVersion> inForceDuring(Long projectId, LocalDate from, LocalDate to) {
    List<ProjectVersion> history = history(projectId);
    ProjectVersion first = inForce(history, from).orElse(null);
    if (first == null) {
      return List.of();
    }
    return history.stream().filter(v -> v == first || (v.getEffectiveFrom().isAfter(from)
            && !v.getEffectiveFrom().isAfter(to) && inForce(history, v.getEffectiveFrom()).orElseThrow() == v))
        .sorted(Comparator.comparing(ProjectVersion::getEffectiveFrom).thenComparing(ProjectVersion::getVersionNo))
        .toList();
  }

  /** Every version of the project, oldest first. */
  @Transactional(readOnly = true)
  public List<ProjectVersion> history(Long projectId) {
    return versions.findByProjectIdOrderByVersionNoAsc(projectId);
  }

  @Transactional(readOnly = true)
  public Optional<ProjectVersion> latest(Long projectId) {
    return versions.findFirstByProjectIdOrderByVersionNoDesc(projectId);
  }

  /** The change requests of the project, oldest first. */
  @Transactional(readOnly = true)
  public List<ProjectChange> changeLog(Long projectId) {
    return changes.findByProjectIdOrderByIdAsc(projectId);
  }

  /** The project's undecided major change, if any. */
  @Transactional(readOnly = true)
  public Optional<ProjectChange> pendingMajorChange(Long projectId) {
    return changes.findByPendingKey(projectId);
  }

  /** Whether the developer holds or held the project in some version (an approved transfer). */
  @Transactional(readOnly = true)
  public boolean heldBy(Long projectId, Long developerId) {
    return versions.existsByProjectIdAndDeveloperId(projectId, developerId);
  }

  /** Version 1 at registration: in force from the start of the crediting period (else the day of registration). */
  @Transactional(propagation = Propagation.MANDATORY)
  ProjectVersion createInitial(Project project, String contactEmail, LocalDate registrationDay, Instant at) {
    LocalDate from = project.getCreditingStart() != null ? project.getCreditingStart() : registrationDay;
    return versions.save(ProjectVersion.initial(project, contactEmail, from, at));
  }

  /** The next version, the latest one with the change's values, in force from {@code effectiveFrom}. */
  @Transactional(propagation = Propagation.MANDATORY)
  ProjectVersion createNext(Long projectId, ChangeValues values, Long changeId, LocalDate effectiveFrom, Instant at) {
    ProjectVersion latest = latest(projectId)
        .orElseThrow(() -> new IllegalStateException("project " + projectId + " has no version 1"));
    return versions.saveAndFlush(latest.next(values, changeId, effectiveFrom, at));
  }
}
