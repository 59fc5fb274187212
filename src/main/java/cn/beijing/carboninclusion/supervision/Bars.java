package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.calendar.CalendarProperties;
import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.PublicEvent;
import cn.beijing.carboninclusion.common.PublicEvents;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.common.Texts;
import cn.beijing.carboninclusion.developer.DeveloperBars;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.CurrentUser;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 禁入: the bureau bars a developer organisation or a service agency (falsification bars for
 * {@code barYears} of scheme-rules.dmn, 3 by default) and may lift the bar. A barred developer files no
 * project, reduction or methodology application; a barred agency cannot be engaged. Every bar and lift is audited on
 * its subject and published on the disclosure feed (subject type {@value #CASE_TYPE}, id = the bar's id).
 */
@Service
public class Bars implements DeveloperBars {
  public static final String CASE_TYPE = "BAR";

  private final BarRecords records;
  private final DeveloperOrganisations developers;
  private final ServiceAgencyRecords agencies;
  private final PublicEvents feed;
  private final AuditTrail auditTrail;
  private final CurrentUser currentUser;
  private final SchemeRuleBook rules;
  private final CalendarProperties calendar;
  private final Clock clock;

  public Bars(BarRecords records, DeveloperOrganisations developers, ServiceAgencyRecords agencies,
      PublicEvents feed, AuditTrail auditTrail, CurrentUser currentUser, SchemeRuleBook rules,
      CalendarProperties calendar, Clock clock) {
    this.records = records;
    this.developers = developers;
    this.agencies = agencies;
    this.feed = feed;
    this.auditTrail = auditTrail;
    this.currentUser = currentUser;
    this.rules = rules;
    this.calendar = calendar;
    this.clock = clock;
  }

  /**
   * Bars the subject from today through {@code until} (default: today plus the configured years). 404 for an
   * unknown subject, 409 while another bar of it is in force (the database refuses a second active bar, also when
   * two requests race).
   */
  @Transactional
  public Bar bar(Bar.SubjectKind kind, Long subjectId, String reason, LocalDate until) {
    return bar(kind, subjectId, reason, until, currentUser.id());
  }

  /**
   * Bars the subject on a finding a process step acts on (a spot check's inspection), in the step's transaction, as
   * {@code barredBy} — the person whose recorded decision it carries out — for the rule's years.
   */
  @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
  Bar barOnFinding(Bar.SubjectKind kind, Long subjectId, String reason, String barredBy) {
    return bar(kind, subjectId, reason, null, barredBy);
  }

  private Bar bar(Bar.SubjectKind kind, Long subjectId, String reason, LocalDate until, String barredBy) {
    String subjectName = subjectName(kind, subjectId);
    LocalDate today = today();
    LocalDate lastDay = until == null ? today.plusYears(rules.count(SchemeRule.BAR_YEARS)) : until;
    if (lastDay.isBefore(today)) {
      throw new InvalidInputException("until", "禁入截止日期不得早于今天 (until must not be before today)");
    }
    Optional<Bar> active = records.findByActiveKey(Bar.activeKey(kind, subjectId));
    if (active.isPresent()) {
      if (active.get().isInForceOn(today)) {
        throw new ConflictException(kind.label() + "已处于禁入期" + untilText(active.get()) + " (already barred)");
      }
      active.get().retireLapsed();
      records.saveAndFlush(active.get());
    }
    Bar bar;
    try {
      bar = records.saveAndFlush(new Bar(kind, subjectId, subjectName, reason, today, lastDay, barredBy,
          Instant.now(clock)));
    } catch (DataIntegrityViolationException e) {
      throw new ConflictException(kind.label() + "已处于禁入期 (already barred)");
    }
    auditTrail.record(caseTypeOf(kind), subjectId, "BARRED", null, "BARRED",
        "禁入（第 " + bar.getId() + " 号）" + today + " 至 " + lastDay + "：" + reason);
    feed.publish(CASE_TYPE, bar.getId(), kind == Bar.SubjectKind.DEVELOPER ? PublicEvent.Kind.DEVELOPER_BARRED
            : PublicEvent.Kind.AGENCY_BARRED, Texts.abridged(kind.label() + "禁入：" + subjectName, 300),
        Texts.abridged("禁入期 " + today + " 至 " + lastDay + "。原因：" + reason, PublicEvent.MAX_BODY));
    return bar;
  }

  /** Lifts a bar in force (404 unknown, 409 already lifted or run out; a concurrent lift fails on its version). */
  @Transactional
  public Bar lift(Long barId, String reason) {
    Bar bar = records.findById(barId).orElseThrow(() -> new NotFoundException("bar", barId));
    if (bar.isLifted()) {
      throw new ConflictException("该禁入已解除 (bar already lifted)");
    }
    if (!bar.isInForceOn(today())) {
      throw new ConflictException("该禁入已期满 (bar already ended)");
    }
    bar.lift(currentUser.id(), Instant.now(clock), reason);
    records.saveAndFlush(bar);
    auditTrail.record(caseTypeOf(bar.getSubjectKind()), bar.getSubjectId(), "BAR_LIFTED", "BARRED", null,
        "解除禁入（第 " + bar.getId() + " 号）：" + reason);
    feed.publish(CASE_TYPE, bar.getId(), PublicEvent.Kind.BAR_LIFTED,
        Texts.abridged(bar.getSubjectKind().label() + "解除禁入：" + bar.getSubjectName(), 300),
        Texts.abridged("原禁入期 " + bar.getBarredFrom() + " 至 " + bar.getBarredUntil() + "，提前解除。原因："
            + reason, PublicEvent.MAX_BODY));
    return bar;
  }

  @Override
  @Transactional(readOnly = true)
  public void requireDeveloperNotBarred(Long developerOrganisationId) {
    Optional<Bar> bar = developerBar(developerOrganisationId);
    if (bar.isPresent()) {
      throw new ConflictException("项目开发方已被禁入，不得提交申请，禁入期" + untilText(bar.get()) + " (developer barred)");
    }
  }

  @Override
  @Transactional(readOnly = true)
  public Optional<BarInForce> barInForce(Long developerOrganisationId) {
    return developerBar(developerOrganisationId).map(bar -> new BarInForce(bar.getBarredUntil(), bar.getReason()));
  }

  @Transactional(readOnly = true)
  public boolean developerBarred(Long developerOrganisationId) {
    return developerBar(developerOrganisationId).isPresent();
  }

  /** The developer organisation's bar in force today, if any. */
  @Transactional(readOnly = true)
  public Optional<Bar> developerBar(Long developerOrganisationId) {
    return inForce(Bar.SubjectKind.DEVELOPER, developerOrganisationId);
  }

  @Transactional(readOnly = true)
  public boolean agencyBarred(Long agencyId) {
    return agencyBar(agencyId).isPresent();
  }

  /** The agency's bar in force today, if any. */
  @Transactional(readOnly = true)
  public Optional<Bar> agencyBar(Long agencyId) {
    return inForce(Bar.SubjectKind.AGENCY, agencyId);
  }

  /** Ids of the subjects of this kind under a bar in force today. */
  @Transactional(readOnly = true)
  public Set<Long> barredIds(Bar.SubjectKind kind) {
    LocalDate today = today();
    return records.findBySubjectKindAndActiveKeyIsNotNull(kind).stream().filter(b -> b.isInForceOn(today))
        .map(Bar::getSubjectId).collect(Collectors.toSet());
  }

  @Transactional(readOnly = true)
  public Page<Bar> page(Pageable page) {
    return records.findAllByOrderByIdDesc(page);
  }

  /** Today in the scheme's zone ({@code carbon-inclusion.calendar.zone}), by the platform's clock. */
  public LocalDate today() {
    return LocalDate.now(clock.withZone(calendar.zone()));
  }

  private Optional<Bar> inForce(Bar.SubjectKind kind, Long subjectId) {
    LocalDate today = today();
    return records.findByActiveKey(Bar.activeKey(kind, subjectId)).filter(b -> b.isInForceOn(today));
  }

  private String subjectName(Bar.SubjectKind kind, Long subjectId) {
    return switch (kind) {
      case DEVELOPER -> developers.findById(subjectId).map(DeveloperOrganisation::getName)
          .orElseThrow(() -> new NotFoundException("developer", subjectId));
      case AGENCY -> agencies.findById(subjectId).map(ServiceAgency::getName)
          .orElseThrow(() -> new NotFoundException("agency", subjectId));
    };
  }

  static String caseTypeOf(Bar.SubjectKind kind) {
    return kind == Bar.SubjectKind.DEVELOPER ? DeveloperService.CASE_TYPE : ServiceAgencies.CASE_TYPE;
  }

  private static String untilText(Bar bar) {
    return bar.getBarredUntil() == null ? "" : "至 " + bar.getBarredUntil();
  }
}
