package cn.beijing.carboninclusion.portal;

import static cn.beijing.carboninclusion.portal.PortalView.query;
import static cn.beijing.carboninclusion.portal.PortalView.text;

import cn.beijing.carboninclusion.portal.PortalView.Filter;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.project.PublicProjects;
import cn.beijing.carboninclusion.project.PublicProjects.PublicProject;
import cn.beijing.carboninclusion.supervision.ClassTwoReports;
import cn.beijing.carboninclusion.supervision.ClassTwoReports.OverdueReport;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The portal's Class II projects: those disclosed (their pages are the projects' pages) and the list of overdue
 * annual reports.
 */
@Controller
class PortalClassTwoController {
  static final List<Column<OverdueReport>> OVERDUE_COLUMNS = List.of(
      Column.of("projectId", null, OverdueReport::projectId),
      Column.linked("projectName", "项目", OverdueReport::projectName, r -> "/portal/projects/" + r.projectId()),
      Column.of("developerName", "项目开发方", OverdueReport::developerName),
      Column.of("year", "报告年度", OverdueReport::year),
      Column.of("dueDate", "应提交日期", OverdueReport::dueDate),
      Column.of("daysOverdue", "逾期天数", OverdueReport::daysOverdue));

  private final PublicProjects projects;
  private final ClassTwoReports classTwoReports;
  private final PortalPages pages;

  PortalClassTwoController(PublicProjects projects, ClassTwoReports classTwoReports, PortalPages pages) {
    this.projects = projects;
    this.classTwoReports = classTwoReports;
    this.pages = pages;
  }

  @GetMapping("/portal/class-two")
  ModelAndView classTwo(@RequestParam(required = false) String district, @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String format, HttpServletResponse response) throws IOException {
    Paged<PublicProject> found = Paged.of(projects.find(new PublicProjects.Criteria(ProjectStatus.DISCLOSED,
        ProjectClass.CLASS_II, district, q), Paged.Request.of(page, size).pageable()));
    Map<String, String> query = query("district", district, "q", q);
    List<Filter> filters = List.of(PortalProjectController.districts(projects, district),
        text("q", "项目名称或开发方", q));
    return pages.list(format, response, "二类项目信息公开", "class-two", "/portal/class-two",
        "二类项目无需登记、不签发减排量；其开发方申请公开的项目信息、收益使用计划和运营情况。"
            + "年度报告逾期名单见 /portal/class-two/overdue-reports。", query, filters,
        PortalProjectController.PROJECT_COLUMNS, found);
  }

  /** 二类项目年度报告逾期名单: every disclosed Class II project and year whose report is past due and not filed. */
  @GetMapping("/portal/class-two/overdue-reports")
  ModelAndView classTwoOverdue(@RequestParam(defaultValue = "1") int page,
      @RequestParam(required = false) Integer size, @RequestParam(required = false) String format,
      HttpServletResponse response) throws IOException {
    return pages.list(format, response, "二类项目年度报告逾期名单", "class-two", "/portal/class-two/overdue-reports",
        "二类项目开发方应于每年公开上一年度的收益管理方案和运营情况报告；以下为逾期未公开的项目和年度。", query(),
        List.of(), OVERDUE_COLUMNS, Paged.Request.of(page, size).slice(classTwoReports.overdue()));
  }
}
