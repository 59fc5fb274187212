package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.PublicPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 信息公开 of supervision, without login: service agencies and whether they are barred, bars and their lifting, Class
 * II yearly reports and the ones overdue. No account ids (who barred, who filed) and no personal data.
 */
@RestController
@RequestMapping("/api/public")
@Tag(name = "信息公开 public disclosure")
class PublicSupervisionController {
  private final ServiceAgencies agencies;
  private final Bars bars;
  private final ClassTwoReports reports;
  private final SpotChecks spotChecks;

  PublicSupervisionController(ServiceAgencies agencies, Bars bars, ClassTwoReports reports, SpotChecks spotChecks) {
    this.agencies = agencies;
    this.bars = bars;
    this.reports = reports;
    this.spotChecks = spotChecks;
  }

  /** A year's draw as published: what anyone needs to recompute it, and its results; no inspector's identity. */
  @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  record PublicSpotCheck(int year, String seedPhrase, String seed, int projectPopulation, int agencyPopulation,
      int projectSample, int agencySample, String populationDigest, Instant drawnAt, Instant completedAt,
      String status, List<Long> populationProjectIds, List<Long> populationAgencyIds, List<PublicSpotCheckItem> items) {

    static PublicSpotCheck of(SpotChecks spotChecks, SpotCheckDraw draw) {
      return new PublicSpotCheck(draw.getYear(), draw.getSeedPhrase(), draw.getSeed(), draw.getProjectPopulation(),
          draw.getAgencyPopulation(), draw.getProjectSample(), draw.getAgencySample(), draw.getPopulationDigest(),
          draw.getDrawnAt(), draw.getCompletedAt(), draw.getCompletedAt() == null ? "检查中" : "已公开检查结果",
          spotChecks.population(draw, SpotCheckSubjectKind.PROJECT),
          spotChecks.population(draw, SpotCheckSubjectKind.AGENCY),
          spotChecks.itemsOf(draw).stream().map(PublicSpotCheckItem::of).toList());
    }

    /** The list's row: the draw without its population and items. */
    static PublicSpotCheck summary(SpotCheckDraw draw) {
      return new PublicSpotCheck(draw.getYear(), draw.getSeedPhrase(), draw.getSeed(), draw.getProjectPopulation(),
          draw.getAgencyPopulation(), draw.getProjectSample(), draw.getAgencySample(), draw.getPopulationDigest(),
          draw.getDrawnAt(), draw.getCompletedAt(), draw.getCompletedAt() == null ? "检查中" : "已公开检查结果",
          null, null, null);
    }
  }

  /** A subject drawn and, once inspected, the conclusion, finding and what followed. */
  record PublicSpotCheckItem(int rank, String subjectKind, String subjectKindLabel, Long subjectId, String subjectName,
      String conclusion, String finding, String outcome, String outcomeLabel, Instant decidedAt) {
    static PublicSpotCheckItem of(SpotCheckItem item) {
      return new PublicSpotCheckItem(item.getRank(), item.getSubjectKind().name(), item.getSubjectKind().label(),
          item.getSubjectId(), item.getSubjectName(), item.getConclusion(), item.getFinding(),
          item.getOutcome() == null ? null : item.getOutcome().name(),
          item.getOutcome() == null ? "待检查" : item.getOutcome().label(), item.getDecidedAt());
    }
  }

  record PublicAgency(String name, String creditCode, AgencyKind kind, String kindLabel, boolean barred) {}

  record PublicBar(Long id, Bar.SubjectKind subjectKind, String subjectKindLabel, String subjectName, String reason,
      LocalDate barredFrom, LocalDate barredUntil, boolean inForce, boolean lifted, Instant liftedAt,
      String liftReason) {}

  @Operation(summary = "服务机构名录（审计机构、核查机构）及是否处于禁入期，按登记先后分页；可按统一社会信用代码查找")
  @GetMapping("/agencies")
  ResponseEntity<List<PublicAgency>> agencies(@RequestParam(required = false) String creditCode,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    Set<Long> barred = bars.barredIds(Bar.SubjectKind.AGENCY);
    return PublicPage.answer(agencies.page(creditCode, PublicPage.of(page, size)).map(a -> new PublicAgency(
        a.getName(), a.getCreditCode(), a.getKind(), a.getKind().label(), barred.contains(a.getId()))));
  }

  @Operation(summary = "禁入名单（项目开发方、服务机构），含已解除和已期满的，最新在前")
  @GetMapping("/bars")
  ResponseEntity<List<PublicBar>> bars(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    LocalDate today = bars.today();
    return PublicPage.answer(bars.page(PublicPage.of(page, size)).map(b -> new PublicBar(b.getId(), b.getSubjectKind(),
        b.getSubjectKind().label(), b.getSubjectName(), b.getReason(), b.getBarredFrom(), b.getBarredUntil(),
        b.isInForceOn(today), b.isLifted(), b.getLiftedAt(), b.getLiftReason())));
  }

  @Operation(summary = "二类项目年度报告（收益管理方案、运营情况报告），最新在前，可按项目筛选")
  @GetMapping("/class-two-reports")
  ResponseEntity<List<ClassTwoReports.PublicReport>> classTwoReports(@RequestParam(required = false) Long projectId,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    return PublicPage.answer(reports.filed(projectId, PublicPage.of(page, size)));
  }

  @Operation(summary = "逾期未提交的二类项目年度报告（已公开、未注销的二类项目，自公开当年起每年一份），逾期最久在前，分页；可按项目筛选")
  @GetMapping("/class-two-reports/overdue")
  ResponseEntity<List<ClassTwoReports.OverdueReport>> overdueClassTwoReports(@RequestParam(required = false) Long projectId,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    List<ClassTwoReports.OverdueReport> overdue = reports.overdue();
    if (projectId != null) {
      overdue = overdue.stream().filter(r -> r.projectId().equals(projectId)).toList();
    }
    return PublicPage.answer(overdue, page, size);
  }

  @Operation(summary = "双随机抽查（每年一次）：种子口令、种子、抽取范围的数量和摘要、抽取数量、状态，最新年度在前，分页")
  @GetMapping("/spot-checks")
  ResponseEntity<List<PublicSpotCheck>> spotChecks(@RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    return PublicPage.answer(spotChecks.page(PublicPage.of(page, size)).map(PublicSpotCheck::summary));
  }

  @Operation(summary = "某年度双随机抽查：复算所需的种子和抽取范围（项目、服务机构编号），抽中对象及检查结论、发现问题和处理结果（不含检查人员）")
  @GetMapping("/spot-checks/{year}")
  PublicSpotCheck spotCheck(@PathVariable int year) {
    return PublicSpotCheck.of(spotChecks, spotChecks.ofYear(year));
  }
}
