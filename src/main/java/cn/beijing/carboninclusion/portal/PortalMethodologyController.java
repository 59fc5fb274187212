package cn.beijing.carboninclusion.portal;

import static cn.beijing.carboninclusion.portal.PortalView.query;
import static cn.beijing.carboninclusion.portal.PortalView.select;
import static cn.beijing.carboninclusion.portal.PortalView.text;

import cn.beijing.carboninclusion.disclosure.DisclosureFeed;
import cn.beijing.carboninclusion.disclosure.PublishedItem;
import cn.beijing.carboninclusion.methodology.MethodologyLifecycle;
import cn.beijing.carboninclusion.methodology.MethodologyStatus;
import cn.beijing.carboninclusion.methodology.PublicMethodologies;
import cn.beijing.carboninclusion.methodology.PublicMethodologies.MethodologyView;
import cn.beijing.carboninclusion.portal.PortalView.Field;
import cn.beijing.carboninclusion.portal.PortalView.Filter;
import cn.beijing.carboninclusion.portal.PortalView.Option;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The portal's published methodologies (every version) and each one's page with its texts. */
@Controller
class PortalMethodologyController {
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

  private final PublicMethodologies methodologies;
  private final DisclosureFeed feed;
  private final PortalPages pages;

  PortalMethodologyController(PublicMethodologies methodologies, DisclosureFeed feed, PortalPages pages) {
    this.methodologies = methodologies;
    this.feed = feed;
    this.pages = pages;
  }

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
    return pages.list(format, response, "方法学", "methodologies", "/portal/methodologies",
        "已发布的碳普惠方法学（一级可产生进入北京碳市场的减排量，二级面向公众广泛参与），含各版本。", query, filters,
        METHODOLOGY_COLUMNS, Paged.Request.of(page, size).slice(found));
  }

  /** 版本沿革: every published version of the code, with its level, dates and the decision on its projects. */
  private static final List<Column<MethodologyView>> VERSION_COLUMNS = List.of(
      Column.linked("version", "版本", v -> "第 " + v.version() + " 版", v -> "/portal/methodologies/" + v.id()),
      Column.of("level", "级别", v -> v.level() == 1 ? "一级方法学" : "二级方法学"),
      Column.of("status", "状态", MethodologyView::statusLabel),
      Column.of("effectiveFrom", "施行自", MethodologyView::effectiveFrom),
      Column.of("effectiveTo", "施行至", MethodologyView::effectiveTo),
      Column.of("existingProjects", "本版下已登记项目", MethodologyView::existingProjectsText));

  @GetMapping("/portal/methodologies/{id}")
  ModelAndView methodology(@PathVariable Long id, @RequestParam(required = false) String format,
      HttpServletResponse response) throws IOException {
    MethodologyView m = methodologies.get(id);
    if (pages.json(format, response, m)) {
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
    PortalView.Table versions = PortalView.table(VERSION_COLUMNS, methodologies.history(m.code()));
    return PortalPages.record("methodologies", m.name() + "（" + m.code() + " 第 " + m.version() + " 版）", fields,
        documents, PortalPages.feed(published)).addObject("versions", versions);
  }
}
