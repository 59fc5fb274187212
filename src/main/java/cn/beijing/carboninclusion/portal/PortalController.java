package cn.beijing.carboninclusion.portal;

import cn.beijing.carboninclusion.common.ClientRateLimiter;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.Pages;
import cn.beijing.carboninclusion.common.TooManyRequestsException;
import cn.beijing.carboninclusion.disclosure.DisclosureFeed;
import cn.beijing.carboninclusion.disclosure.PublishedItem;
import cn.beijing.carboninclusion.project.PublicProjects;
import cn.beijing.carboninclusion.project.PublicProjects.PublicProject;
import cn.beijing.carboninclusion.project.PublicProjects.PublicProjectDetail;
import cn.beijing.carboninclusion.methodology.MethodologyLifecycle;
import cn.beijing.carboninclusion.methodology.MethodologyStatus;
import cn.beijing.carboninclusion.methodology.PublicMethodologies;
import cn.beijing.carboninclusion.methodology.PublicMethodologies.MethodologyView;
import cn.beijing.carboninclusion.portal.PortalFormats.Format;
import cn.beijing.carboninclusion.portal.PortalView.Field;
import cn.beijing.carboninclusion.portal.PortalView.Filter;
import cn.beijing.carboninclusion.portal.PortalView.Option;
import cn.beijing.carboninclusion.project.ObjectionService;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.ProjectLifecycle;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.reduction.PublicReductions;
import cn.beijing.carboninclusion.reduction.PublicReductions.PublicReduction;
import cn.beijing.carboninclusion.reduction.ReductionLifecycle;
import cn.beijing.carboninclusion.reduction.ReductionStatus;
import cn.beijing.carboninclusion.registry.JournalVerification;
import cn.beijing.carboninclusion.registry.RegistryJournal;
import cn.beijing.carboninclusion.registry.RegistryQueries;
import cn.beijing.carboninclusion.registry.RegistryViews.Statistics;
import cn.beijing.carboninclusion.registry.RetirementPurpose;
import cn.beijing.carboninclusion.supervision.ClassTwoReports;
import cn.beijing.carboninclusion.supervision.AuditReportStatus;
import cn.beijing.carboninclusion.supervision.PublicAuditReports;
import cn.beijing.carboninclusion.supervision.PublicAuditReports.PublicAuditReport;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * 信息公开平台: the public disclosure portal, in Chinese, without login, rendered on the server. Every list takes its
 * filters and {@code page} as query parameters and answers {@code ?format=json} and {@code ?format=csv} with the same
 * records; every record has a stable URL by its database id. It reads only the public services the JSON API reads
 * ({@link PublicProjects}, {@link PublicMethodologies}, {@link PublicReductions}, {@link PublicAuditReports}, the
 * registry's public queries and the disclosure feed), so it shows nothing the public API does not.
 */
@Controller
class PortalController {
  /** Kinds of the disclosure feed that record bars (禁入) of developers and service agencies, and their lifting. */
  static final List<String> BAR_KINDS = List.of("DEVELOPER_BARRED", "AGENCY_BARRED", "BAR_LIFTED");

  private final PublicProjects projects;
  private final PublicMethodologies methodologies;
  private final PublicReductions reductions;
  private final PublicAuditReports auditReports;
  private final RegistryQueries registry;
  private final RegistryJournal journal;
  private final DisclosureFeed feed;
  private final ObjectionService objections;
  private final ClientRateLimiter rateLimiter;
  private final PortalFormats formats;
  private final ClassTwoReports classTwoReports;

  PortalController(PublicProjects projects, PublicMethodologies methodologies, PublicReductions reductions,
      PublicAuditReports auditReports, RegistryQueries registry, RegistryJournal journal, DisclosureFeed feed,
      ObjectionService objections, ClientRateLimiter rateLimiter, PortalFormats formats,
      ClassTwoReports classTwoReports) {
    this.classTwoReports = classTwoReports;
    this.projects = projects;
    this.methodologies = methodologies;
    this.reductions = reductions;
    this.auditReports = auditReports;
    this.registry = registry;
    this.journal = journal;
    this.feed = feed;
    this.objections = objections;
    this.rateLimiter = rateLimiter;
    this.formats = formats;
  }

  // ---- home ----------------------------------------------------------------------------------------------------

  record Count(String label, long value, String href) {}

  @GetMapping({"/portal", "/portal/"})
  ModelAndView home() {
    List<PublicProject> published = projects.find(PublicProjects.Criteria.ALL);
    Map<ProjectStatus, Long> byStatus = new EnumMap<>(ProjectStatus.class);
    published.forEach(p -> byStatus.merge(p.status(), 1L, Long::sum));
    Statistics statistics = registry.statistics();
    List<Count> counts = List.of(
        new Count("现行方法学", methodologies.find(new PublicMethodologies.Criteria(null, MethodologyStatus.EFFECTIVE,
            null)).size(), "/portal/methodologies?status=EFFECTIVE"),
        new Count("公示中项目", byStatus.getOrDefault(ProjectStatus.IN_PUBLICITY, 0L),
            "/portal/projects?status=IN_PUBLICITY"),
        new Count("已登记项目", byStatus.getOrDefault(ProjectStatus.REGISTERED, 0L), "/portal/projects?status=REGISTERED"),
        new Count("已暂停项目", byStatus.getOrDefault(ProjectStatus.SUSPENDED, 0L), "/portal/projects?status=SUSPENDED"),
        new Count("已注销项目", byStatus.getOrDefault(ProjectStatus.CANCELLED, 0L), "/portal/projects?status=CANCELLED"),
        new Count("二类项目", byStatus.getOrDefault(ProjectStatus.DISCLOSED, 0L), "/portal/class-two"),
        new Count("已签发减排量 (tCO2e)", statistics.issued(), "/portal/registry"),
        new Count("已消纳减排量 (tCO2e)", statistics.retired(), "/portal/registry"));
    List<PublishedItem> latest = feed.latest(PageRequest.of(0, 10)).map(PublishedItem::of).getContent();
    return new ModelAndView("portal/home", Map.of("nav", "home", "title", "首页", "counts", counts,
        "latest", PortalView.table(FEED_COLUMNS, latest)));
  }

  // ---- methodologies -------------------------------------------------------------------------------------------

  static final List<Column<MethodologyView>> METHODOLOGY_COLUMNS = List.of(
      Column.of("id", null, MethodologyView::id),
      Column.linked("code", "编号", MethodologyView::code, m -> "/portal/methodologies/" + m.id()),
      Column.linked("name", "名称", MethodologyView::name, m -> "/portal/methodologies/" + m.id()),
      Column.of("version", "版本", MethodologyView::version),
      Column.of("level", null, MethodologyView::level),
      Column.of("levelLabel", "级别", m -> m.level() == 1 ? "一级" : "二级"),
      Column.of("field", "领域", MethodologyView::field),
      Column.of("status", null, MethodologyView::status),
      Column.of("statusLabel", "状态", MethodologyView::statusLabel),
      Column.of("effectiveFrom", "生效日期", MethodologyView::effectiveFrom),
      Column.of("effectiveTo", "失效日期", MethodologyView::effectiveTo),
      Column.of("exampleValues", "示例参数", MethodologyView::exampleValues),
      Column.of("commentCount", "公众意见数", MethodologyView::commentCount));

  @GetMapping("/portal/methodologies")
  ModelAndView methodologies(@RequestParam(required = false) Integer level,
      @RequestParam(required = false) MethodologyStatus status, @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String format, HttpServletResponse response) throws IOException {
    List<MethodologyView> found = methodologies.find(new PublicMethodologies.Criteria(level, status, q));
    Map<String, String> query = query("level", level, "status", status, "q", q);
    List<Filter> filters = List.of(
        select("level", "级别", level, List.of(new Option("1", "一级", false), new Option("2", "二级", false))),
        select("status", "状态", status, PublicMethodologies.PUBLIC.stream()
            .map(s -> new Option(s.name(), s.label(), false)).toList()),
        text("q", "编号、名称或领域", q));
    return list(format, response, "方法学", "methodologies", "/portal/methodologies",
        "已发布的碳普惠方法学（一级可产生进入北京碳市场的减排量，二级面向公众广泛参与），含各版本。", query, filters,
        METHODOLOGY_COLUMNS, Paged.of(found, page, Paged.size(size)));
  }

  @GetMapping("/portal/methodologies/{id}")
  ModelAndView methodology(@PathVariable Long id, @RequestParam(required = false) String format,
      HttpServletResponse response) throws IOException {
    MethodologyView m = methodologies.get(id);
    if (json(format, response, m)) {
      return null;
    }
    List<Field> fields = List.of(Field.of("编号", m.code()), Field.of("名称", m.name()), Field.of("版本", m.version()),
        Field.of("级别", m.level() == 1 ? "一级方法学" : "二级方法学"), Field.of("领域", m.field()),
        Field.of("状态", m.statusLabel()), Field.of("状态说明", m.statusReason()),
        Field.of("生效日期", m.effectiveFrom()), Field.of("失效日期", m.effectiveTo()),
        Field.of("参数为示例值", m.exampleValues()), Field.of("公众意见数", m.commentCount()),
        new Field("上一版本", m.previousVersionId() == null ? "" : "查看上一版本",
            m.previousVersionId() == null ? null : "/portal/methodologies/" + m.previousVersionId()));
    List<Field> documents = List.of(Field.of("适用条件", m.applicability()), Field.of("基准线情景", m.baselineScenario()),
        Field.of("项目情景", m.projectScenario()), Field.of("监测要求", m.monitoringRequirements()),
        Field.of("减排量计算公式", m.formula()), Field.of("参数（JSON）", m.parameters()));
    List<PublishedItem> published = feed.about(MethodologyLifecycle.CASE_TYPE, id).stream().map(PublishedItem::of)
        .toList();
    return record("methodologies", m.name() + "（" + m.code() + " 第 " + m.version() + " 版）", fields,
        documents, PortalView.table(FEED_COLUMNS, published));
  }

  // ---- projects --------------------------------------------------------------------------------------------------

  static final List<Column<PublicProject>> PROJECT_COLUMNS = List.of(
      Column.of("id", null, PublicProject::id),
      Column.linked("name", "项目名称", PublicProject::name, p -> "/portal/projects/" + p.id()),
      Column.of("registrationNo", "登记编号", PublicProject::registrationNo),
      Column.of("projectClass", null, PublicProject::projectClass),
      Column.of("projectClassLabel", "类别", PublicProject::projectClassLabel),
      Column.of("status", null, PublicProject::status),
      Column.of("statusLabel", "状态", PublicProject::statusLabel),
      Column.of("developerName", "项目开发方", PublicProject::developerName),
      Column.of("methodology", "方法学", PublicProject::methodology),
      Column.of("district", "区", PublicProject::district),
      Column.of("publicityStart", null, PublicProject::publicityStart),
      Column.of("publicityEnd", "公示截止", PublicProject::publicityEnd),
      Column.of("publicityWorkingDaysLeft", "公示剩余工作日", PublicProject::publicityWorkingDaysLeft),
      Column.of("objectionCount", "异议数", PublicProject::objectionCount));

  @GetMapping("/portal/projects")
  ModelAndView projects(@RequestParam(required = false) ProjectStatus status,
      @RequestParam(name = "class", required = false) ProjectClass projectClass,
      @RequestParam(required = false) String district, @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String format, HttpServletResponse response) throws IOException {
    List<PublicProject> found = projects.find(new PublicProjects.Criteria(status, projectClass, district, q));
    Map<String, String> query = query("status", status, "class", projectClass, "district", district, "q", q);
    List<Filter> filters = List.of(
        select("status", "状态", status, PublicProjects.PUBLIC.stream()
            .map(s -> new Option(s.name(), s.label(), false)).toList()),
        select("class", "类别", projectClass, Arrays.stream(ProjectClass.values())
            .map(c -> new Option(c.name(), c.label(), false)).toList()),
        select("district", "区", district, projects.districts().stream().map(d -> new Option(d, d, false)).toList()),
        text("q", "项目名称、登记编号或开发方", q));
    return list(format, response, "项目", "projects", "/portal/projects",
        "公示中、已登记、已暂停、已注销的一类项目和已公开的二类项目。公示中的项目可在公示期内提出异议。", query,
        filters, PROJECT_COLUMNS, Paged.of(found, page, Paged.size(size)));
  }

  static final List<Column<ClassTwoReports.OverdueReport>> OVERDUE_COLUMNS = List.of(
      Column.of("projectId", null, ClassTwoReports.OverdueReport::projectId),
      Column.linked("projectName", "项目", ClassTwoReports.OverdueReport::projectName,
          r -> "/portal/projects/" + r.projectId()),
      Column.of("developerName", "项目开发方", ClassTwoReports.OverdueReport::developerName),
      Column.of("year", "报告年度", ClassTwoReports.OverdueReport::year),
      Column.of("dueDate", "应提交日期", ClassTwoReports.OverdueReport::dueDate),
      Column.of("daysOverdue", "逾期天数", ClassTwoReports.OverdueReport::daysOverdue));

  /** 二类项目年度报告逾期名单: every disclosed Class II project and year whose report is past due and not filed. */
  @GetMapping("/portal/class-two/overdue-reports")
  ModelAndView classTwoOverdue(@RequestParam(defaultValue = "1") int page,
      @RequestParam(required = false) Integer size, @RequestParam(required = false) String format,
      HttpServletResponse response) throws IOException {
    return list(format, response, "二类项目年度报告逾期名单", "class-two", "/portal/class-two/overdue-reports",
        "二类项目开发方应于每年公开上一年度的收益管理方案和运营情况报告；以下为逾期未公开的项目和年度。", query(),
        List.of(), OVERDUE_COLUMNS, Paged.of(classTwoReports.overdue(), page, Paged.size(size)));
  }

  @GetMapping("/portal/class-two")
  ModelAndView classTwo(@RequestParam(required = false) String district, @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String format, HttpServletResponse response) throws IOException {
    List<PublicProject> found = projects.find(new PublicProjects.Criteria(ProjectStatus.DISCLOSED,
        ProjectClass.CLASS_II, district, q));
    Map<String, String> query = query("district", district, "q", q);
    List<Filter> filters = List.of(
        select("district", "区", district, projects.districts().stream().map(d -> new Option(d, d, false)).toList()),
        text("q", "项目名称或开发方", q));
    return list(format, response, "二类项目信息公开", "class-two", "/portal/class-two",
        "二类项目无需登记、不签发减排量；其开发方申请公开的项目信息、收益使用计划和运营情况。"
            + "年度报告逾期名单见 /portal/class-two/overdue-reports。", query, filters,
        PROJECT_COLUMNS, Paged.of(found, page, Paged.size(size)));
  }

  /** The objection form's fields, validated like the API's objection request; messages name no field (the page does). */
  record ObjectionForm(
      @Size(max = 100, message = "最多 100 字") String objectorName,
      @Size(max = 200, message = "最多 200 字") String contact,
      @NotBlank(message = "必须填写") @Size(min = 10, max = 4000, message = "须为 10 至 4000 字") String content) {
    static final Map<String, String> LABELS = Map.of("objectorName", "姓名或单位", "contact", "联系方式",
        "content", "异议内容");
  }

  @GetMapping("/portal/projects/{id}")
  ModelAndView project(@PathVariable Long id, @RequestParam(required = false) String filed,
      @RequestParam(required = false) String format, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    PublicProjectDetail detail = projects.get(id);
    if (json(format, response, detail)) {
      return null;
    }
    ModelAndView page = projectPage(detail, new ObjectionForm(null, null, null), List.of(), request);
    if (filed != null) {
      page.addObject("notice", "异议已收到，将于公示期满后由技术支撑单位处理，处理结果将予公开。");
    }
    return page;
  }

  /**
   * Files an objection from the project page (the same service, rules and per-client allowance as
   * {@code POST /api/projects/{id}/objections}); bad input shows the page again with the field named, storing nothing.
   */
  @PostMapping("/portal/projects/{id}/objections")
  ModelAndView fileObjection(@PathVariable Long id, @Valid @ModelAttribute ObjectionForm form, BindingResult binding,
      HttpServletRequest request) {
    projects.get(id); // an unknown or unpublished project: 404
    List<String> errors = new ArrayList<>();
    for (FieldError error : binding.getFieldErrors()) {
      errors.add(ObjectionForm.LABELS.getOrDefault(error.getField(), error.getField()) + "："
          + error.getDefaultMessage());
    }
    HttpStatus status = HttpStatus.BAD_REQUEST;
    if (errors.isEmpty()) {
      try {
        rateLimiter.acquire("objection", request.getRemoteAddr());
        objections.file(id, form.objectorName(), form.contact(), form.content());
        return new ModelAndView("redirect:/portal/projects/" + id + "?filed=1#objection");
      } catch (ConflictException e) {
        errors.add("不能提出异议：" + e.getMessage());
        status = HttpStatus.CONFLICT;
      } catch (TooManyRequestsException e) {
        errors.add(e.getMessage());
        status = HttpStatus.TOO_MANY_REQUESTS;
      }
    }
    ModelAndView page = projectPage(projects.get(id), form, errors, request);
    page.setStatus(status);
    return page;
  }

  private ModelAndView projectPage(PublicProjectDetail detail, ObjectionForm form, List<String> errors,
      HttpServletRequest request) {
    PublicProject p = detail.project();
    boolean open = p.status() == ProjectStatus.IN_PUBLICITY;
    if (open && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
      token.getToken(); // issues the form's token cookie before the page is written
    }
    List<Field> fields = List.of(Field.of("项目名称", p.name()), Field.of("登记编号", p.registrationNo()),
        Field.of("类别", p.projectClassLabel()), Field.of("状态", p.statusLabel()),
        Field.of("项目开发方", p.developerName()), Field.of("方法学", p.methodology()), Field.of("区", p.district()),
        Field.of("公示期", p.publicityStart() == null ? null : p.publicityStart() + " 至 " + p.publicityEnd()));
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("nav", p.projectClass() == ProjectClass.CLASS_II ? "class-two" : "projects");
    model.put("title", p.name());
    model.put("project", p);
    model.put("fields", fields);
    model.put("inPublicity", open);
    model.put("objections", detail.objections().stream().map(o -> List.of(PortalText.html(o.id()),
        PortalText.html(o.filedAt()), switch (o.status()) {
          case OPEN -> "待处理";
          case UPHELD -> "成立";
          case DISMISSED -> "不成立";
        }, PortalText.html(o.response()))).toList());
    model.put("published", PortalView.table(FEED_COLUMNS, detail.published()));
    model.put("form", form);
    model.put("errors", errors);
    model.put("jsonUrl", "/portal/projects/" + p.id() + "?format=json");
    return new ModelAndView("portal/project", model);
  }

  // ---- reductions ------------------------------------------------------------------------------------------------

  static final List<Column<PublicReduction>> REDUCTION_COLUMNS = List.of(
      Column.linked("id", "申请号", PublicReduction::id, r -> "/portal/reductions/" + r.id()),
      Column.of("projectId", null, PublicReduction::projectId),
      Column.linked("projectName", "项目", PublicReduction::projectName, r -> "/portal/projects/" + r.projectId()),
      Column.of("registrationNo", "登记编号", PublicReduction::registrationNo),
      Column.of("periodStart", "监测期起", PublicReduction::periodStart),
      Column.of("periodEnd", "监测期止", PublicReduction::periodEnd),
      Column.of("status", null, PublicReduction::status),
      Column.of("statusLabel", "状态", PublicReduction::statusLabel),
      Column.of("claimedTco2e", "申报减排量 (tCO2e)", PublicReduction::claimedTco2e),
      Column.of("approvedTco2e", "登记减排量 (tCO2e)", PublicReduction::approvedTco2e),
      Column.of("issuedQuantity", "签发量 (tCO2e)", PublicReduction::issuedQuantity),
      Column.of("firstSerial", "起始序列号", PublicReduction::firstSerial),
      Column.of("lastSerial", "终止序列号", PublicReduction::lastSerial),
      Column.of("submittedAt", "申请时间", PublicReduction::submittedAt));

  @GetMapping("/portal/reductions")
  ModelAndView reductions(@RequestParam(required = false) ReductionStatus status,
      @RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
      @RequestParam(required = false) Integer size, @RequestParam(required = false) String format,
      HttpServletResponse response) throws IOException {
    List<PublicReduction> found = reductions.find(new PublicReductions.Criteria(status, q));
    Map<String, String> query = query("status", status, "q", q);
    List<Filter> filters = List.of(
        select("status", "状态", status, Arrays.stream(ReductionStatus.values()).filter(s -> s != ReductionStatus.DRAFT)
            .map(s -> new Option(s.name(), s.label(), false)).toList()),
        text("q", "项目名称或登记编号", q));
    return list(format, response, "减排量申请与登记", "reductions", "/portal/reductions",
        "一类项目的减排量申请（提交时公开）和登记结果（签发的序列号可在登记簿中查询）。", query, filters,
        REDUCTION_COLUMNS, Paged.of(found, page, Paged.size(size)));
  }

  @GetMapping("/portal/reductions/{id}")
  ModelAndView reduction(@PathVariable Long id, @RequestParam(required = false) String format,
      HttpServletResponse response) throws IOException {
    PublicReduction r = reductions.get(id);
    if (json(format, response, r)) {
      return null;
    }
    List<Field> fields = new ArrayList<>(fields(REDUCTION_COLUMNS, r));
    fields.set(2, new Field("项目", r.projectName(), "/portal/projects/" + r.projectId()));
    return record("reductions", "减排量申请 " + r.id() + "：" + r.projectName(), fields, List.of(),
        PortalView.table(FEED_COLUMNS, feed.about(ReductionLifecycle.CASE_TYPE, id).stream()
            .map(PublishedItem::of).toList()));
  }

  // ---- registry --------------------------------------------------------------------------------------------------

  /** One figure of the registry's CSV. */
  record Metric(String item, Object value) {}

  @GetMapping("/portal/registry")
  ModelAndView registry(@RequestParam(required = false) String format, HttpServletResponse response)
      throws IOException {
    Statistics s = registry.statistics();
    JournalVerification v = journal.verify(false);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("statistics", s);
    body.put("journalVerification", v);
    List<Field> statistics = new ArrayList<>(List.of(Field.of("已签发", s.issued()),
        Field.of("划转至交易所", s.transferredToExchange()), Field.of("交易所已接收", s.receivedByExchange()),
        Field.of("已交易", s.traded()), Field.of("已消纳", s.retired())));
    for (Map.Entry<RetirementPurpose, Long> e : s.retiredByPurpose().entrySet()) {
      statistics.add(Field.of("　其中：" + e.getKey().name(), e.getValue()));
    }
    statistics.add(Field.of("已作废", s.cancelled()));
    statistics.add(Field.of("存量（签发 − 消纳 − 作废）", s.outstanding()));
    Format f = Format.of(format);
    if (f == Format.JSON) {
      formats.writeJson(response, body);
      return null;
    }
    if (f == Format.CSV) {
      List<Metric> rows = new ArrayList<>(List.of(new Metric("issued", s.issued()),
          new Metric("transferredToExchange", s.transferredToExchange()),
          new Metric("receivedByExchange", s.receivedByExchange()), new Metric("traded", s.traded()),
          new Metric("retired", s.retired())));
      s.retiredByPurpose().forEach((purpose, quantity) -> rows.add(new Metric("retired." + purpose.name(), quantity)));
      rows.addAll(List.of(new Metric("cancelled", s.cancelled()), new Metric("outstanding", s.outstanding()),
          new Metric("unit", s.unit()), new Metric("journalEntries", s.journalEntries()),
          new Metric("journalHeadHash", s.journalHeadHash()), new Metric("journalVerified", v.ok()),
          new Metric("journalEntriesChecked", v.entriesChecked()), new Metric("journalCheckedAt", v.checkedAt())));
      formats.writeCsv(response, "registry", List.of(Column.of("item", null, Metric::item),
          Column.of("value", null, Metric::value)), rows);
      return null;
    }
    List<Field> verification = List.of(Field.of("结果", v.ok() ? "通过：日志完整，哈希链未被篡改" : "未通过"),
        Field.of("已校验条目", v.entriesChecked()), Field.of("首个异常条目", v.firstBrokenEntryId()),
        Field.of("问题", v.problem()), Field.of("最新条目", v.headEntryId()), Field.of("最新哈希", v.headHash()),
        Field.of("校验时间", v.checkedAt()));
    return new ModelAndView("portal/registry", Map.of("nav", "registry", "title", "登记簿", "unit", s.unit(),
        "statistics", statistics, "verification", verification, "verified", v.ok()));
  }

  // ---- audit reports ---------------------------------------------------------------------------------------------

  static final List<Column<PublicAuditReport>> AUDIT_COLUMNS = List.of(
      Column.linked("id", "编号", PublicAuditReport::id, r -> "/portal/audit-reports/" + r.id()),
      Column.of("projectId", null, PublicAuditReport::projectId),
      Column.linked("projectName", "项目", PublicAuditReport::projectName, r -> "/portal/projects/" + r.projectId()),
      Column.of("registrationNo", "登记编号", PublicAuditReport::registrationNo),
      Column.of("period", "审计期", PublicAuditReport::period),
      Column.of("status", null, PublicAuditReport::status),
      Column.of("statusLabel", "结论", PublicAuditReport::statusLabel),
      Column.of("agencyName", "审计机构", PublicAuditReport::agencyName),
      Column.of("agencyCreditCode", "审计机构统一社会信用代码", PublicAuditReport::agencyCreditCode),
      Column.of("proceeds", "收益（元）", PublicAuditReport::proceeds),
      Column.of("operatingCosts", "运营成本（元）", PublicAuditReport::operatingCosts),
      Column.of("returnedAmount", "返还金额（元）", PublicAuditReport::returnedAmount),
      Column.of("returnRatio", "返还比例", PublicAuditReport::returnRatio),
      Column.of("decidedAt", "审核时间", PublicAuditReport::decidedAt),
      Column.of("decisionComment", "审核意见", PublicAuditReport::decisionComment));

  @GetMapping("/portal/audit-reports")
  ModelAndView auditReports(@RequestParam(required = false) AuditReportStatus status,
      @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String format, HttpServletResponse response) throws IOException {
    int pageSize = Paged.size(size);
    Paged<PublicAuditReport> found = Paged.of(auditReports.published(status,
        Pages.of(Math.max(page, 1) - 1, pageSize, Paged.MAX_SIZE)));
    List<Filter> filters = List.of(select("status", "结论", status, PublicAuditReports.PUBLIC.stream()
        .map(s -> new Option(s.name(), s.label(), false)).toList()));
    return list(format, response, "审计报告", "audit-reports", "/portal/audit-reports",
        "一类项目收益使用情况的年度审计报告（由专业审计机构出具）及主管部门的审核结论；逾期未提交的同样公开。",
        query("status", status), filters, AUDIT_COLUMNS, found);
  }

  @GetMapping("/portal/audit-reports/{id}")
  ModelAndView auditReport(@PathVariable Long id, @RequestParam(required = false) String format,
      HttpServletResponse response) throws IOException {
    PublicAuditReport r = auditReports.get(id);
    if (json(format, response, r)) {
      return null;
    }
    List<Field> fields = new ArrayList<>(fields(AUDIT_COLUMNS, r));
    fields.set(1, new Field("项目", r.projectName(), "/portal/projects/" + r.projectId()));
    return record("audit-reports", "审计报告 " + r.id() + "：" + r.projectName() + "（" + r.period() + "）", fields,
        List.of(), null);
  }

  // ---- the disclosure feed: all items, and the bars -------------------------------------------------------------

  static final List<Column<PublishedItem>> FEED_COLUMNS = List.of(
      Column.of("id", null, PublishedItem::id),
      Column.of("publishedAt", "公开时间", PublishedItem::publishedAt),
      Column.of("kind", null, PublishedItem::kind),
      Column.of("kindLabel", "类别", i -> PortalText.kind(i.kind())),
      Column.linked("title", "标题", PublishedItem::title, PortalController::subjectUrl),
      Column.of("body", "内容", PublishedItem::body),
      Column.of("subjectType", null, PublishedItem::subjectType),
      Column.of("subjectId", null, PublishedItem::subjectId));

  @GetMapping("/portal/disclosures")
  ModelAndView disclosures(@RequestParam(required = false) String kind, @RequestParam(defaultValue = "1") int page,
      @RequestParam(required = false) Integer size, @RequestParam(required = false) String format,
      HttpServletResponse response) throws IOException {
    PageRequest request = Pages.of(Math.max(page, 1) - 1, Paged.size(size), Paged.MAX_SIZE);
    Paged<PublishedItem> found = Paged.of((kind == null || kind.isBlank() ? feed.latest(request)
        : feed.latest(Set.of(kind), request)).map(PublishedItem::of));
    List<Filter> filters = List.of(select("kind", "类别", kind, PortalText.KINDS.entrySet().stream()
        .sorted(Map.Entry.comparingByKey()).map(e -> new Option(e.getKey(), e.getValue(), false)).toList()));
    return list(format, response, "公开信息", "disclosures", "/portal/disclosures",
        "平台公开的全部信息，最新在前：公示、登记、异议处理结果、暂停与恢复、注销、方法学、减排量、审计结论。",
        query("kind", kind), filters, FEED_COLUMNS, found);
  }

  @GetMapping("/portal/bars")
  ModelAndView bars(@RequestParam(required = false) String kind, @RequestParam(defaultValue = "1") int page,
      @RequestParam(required = false) Integer size, @RequestParam(required = false) String format,
      HttpServletResponse response) throws IOException {
    List<String> kinds = kind != null && BAR_KINDS.contains(kind) ? List.of(kind) : BAR_KINDS;
    Paged<PublishedItem> found = Paged.of(feed.latest(kinds, Pages.of(Math.max(page, 1) - 1, Paged.size(size),
        Paged.MAX_SIZE)).map(PublishedItem::of));
    List<Filter> filters = List.of(select("kind", "类别", kind, BAR_KINDS.stream()
        .map(k -> new Option(k, PortalText.kind(k), false)).toList()));
    return list(format, response, "禁入名单", "bars", "/portal/bars",
        "因弄虚作假等被禁止参与碳普惠的项目开发方和服务机构（含禁入期限），以及禁入的解除。", query("kind", kind),
        filters, FEED_COLUMNS, found);
  }

  static String subjectUrl(PublishedItem item) {
    if (item.subjectId() == null) {
      return null;
    }
    return switch (item.subjectType()) {
      case ProjectLifecycle.CASE_TYPE -> "/portal/projects/" + item.subjectId();
      case MethodologyLifecycle.CASE_TYPE -> "/portal/methodologies/" + item.subjectId();
      case ReductionLifecycle.CASE_TYPE -> "/portal/reductions/" + item.subjectId();
      default -> null;
    };
  }

  // ---- shared ----------------------------------------------------------------------------------------------------

  /** Answers a list as HTML, or writes it as JSON or CSV and returns null (the response is complete). */
  private <T> ModelAndView list(String format, HttpServletResponse response, String title, String nav, String path,
      String intro, Map<String, String> query, List<Filter> filters, List<Column<T>> columns, Paged<T> page)
      throws IOException {
    switch (Format.of(format)) {
      case JSON -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", title);
        body.put("filters", query);
        body.put("page", page.page());
        body.put("size", page.size());
        body.put("totalItems", page.totalItems());
        body.put("totalPages", page.totalPages());
        body.put("items", page.items());
        formats.writeJson(response, body);
        return null;
      }
      case CSV -> {
        formats.writeCsv(response, nav, columns, page.items());
        return null;
      }
      default -> {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("nav", nav);
        model.put("title", title);
        model.put("intro", intro);
        model.put("path", path);
        model.put("filters", filters.stream().map(f -> f.options() == null ? f : new Filter(f.name(), f.label(),
            f.options().stream().map(o -> new Option(o.value(), o.label(), o.value().equals(f.value()))).toList(),
            f.value())).toList());
        model.put("table", PortalView.table(columns, page.items()));
        model.put("page", page);
        model.put("links", PortalView.links(path, query, page));
        return new ModelAndView("portal/list", model);
      }
    }
  }

  private ModelAndView record(String nav, String title, List<Field> fields, List<Field> documents,
      PortalView.Table published) {
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("nav", nav);
    model.put("title", title);
    model.put("fields", fields);
    model.put("documents", documents);
    model.put("published", published);
    return new ModelAndView("portal/record", model);
  }

  private boolean json(String format, HttpServletResponse response, Object record) throws IOException {
    Format f = Format.of(format);
    if (f == Format.CSV) {
      throw new PortalFormats.UnknownFormat(format); // a record has no CSV of its own: its list's CSV has its row
    }
    if (f == Format.JSON) {
      formats.writeJson(response, record);
      return true;
    }
    return false;
  }

  private static <T> List<Field> fields(List<Column<T>> columns, T item) {
    return columns.stream().filter(c -> c.label() != null).map(c -> Field.of(c.label(), c.value().apply(item)))
        .toList();
  }

  private static Map<String, String> query(Object... pairs) {
    Map<String, String> query = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      Object value = pairs[i + 1];
      query.put((String) pairs[i], value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString());
    }
    return query;
  }

  private static Filter select(String name, String label, Object value, List<Option> options) {
    return new Filter(name, label, options, value == null ? "" : value instanceof Enum<?> e ? e.name()
        : value.toString());
  }

  private static Filter text(String name, String label, String value) {
    return new Filter(name, label, null, value == null ? "" : value);
  }
}
