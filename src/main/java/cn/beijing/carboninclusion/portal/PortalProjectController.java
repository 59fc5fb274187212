package cn.beijing.carboninclusion.portal;

import static cn.beijing.carboninclusion.portal.PortalView.query;
import static cn.beijing.carboninclusion.portal.PortalView.select;
import static cn.beijing.carboninclusion.portal.PortalView.text;

import cn.beijing.carboninclusion.common.ClientRateLimiter;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.PublicAnswerCache;
import cn.beijing.carboninclusion.common.TooManyRequestsException;
import cn.beijing.carboninclusion.portal.PortalView.Field;
import cn.beijing.carboninclusion.portal.PortalView.Filter;
import cn.beijing.carboninclusion.portal.PortalView.Option;
import cn.beijing.carboninclusion.project.ObjectionService;
import cn.beijing.carboninclusion.project.ProjectClass;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.project.PublicProjects;
import cn.beijing.carboninclusion.project.PublicProjects.PublicProject;
import cn.beijing.carboninclusion.project.PublicProjects.PublicProjectDetail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The portal's projects: the list, each project's page (Class I or II) and, while a project is in publicity, the
 * objection form on that page.
 */
@Controller
class PortalProjectController {
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

  private final PublicProjects projects;
  private final ObjectionService objections;
  private final ClientRateLimiter rateLimiter;
  private final PortalPages pages;

  PortalProjectController(PublicProjects projects, ObjectionService objections, ClientRateLimiter rateLimiter,
      PortalPages pages) {
    this.projects = projects;
    this.objections = objections;
    this.rateLimiter = rateLimiter;
    this.pages = pages;
  }

  /** The districts of the published projects, as a filter. */
  static Filter districts(PublicProjects projects, String district) {
    return select("district", "区", district, projects.districts().stream().map(d -> new Option(d, d, false)).toList());
  }

  @GetMapping("/portal/projects")
  ModelAndView projects(@RequestParam(required = false) ProjectStatus status,
      @RequestParam(name = "class", required = false) ProjectClass projectClass,
      @RequestParam(required = false) String district, @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) Integer size,
      @RequestParam(required = false) String format, HttpServletResponse response) throws IOException {
    Paged.Request request = Paged.Request.of(page, size);
    Paged<PublicProject> found = Paged.of(projects.find(new PublicProjects.Criteria(status, projectClass, district, q),
        request.pageable()));
    Map<String, String> query = query("status", status, "class", projectClass, "district", district, "q", q);
    List<Filter> filters = List.of(
        select("status", "状态", status, PublicProjects.PUBLIC.stream()
            .map(s -> new Option(s.name(), s.label(), false)).toList()),
        select("class", "类别", projectClass, Arrays.stream(ProjectClass.values())
            .map(c -> new Option(c.name(), c.label(), false)).toList()),
        districts(projects, district),
        text("q", "项目名称、登记编号或开发方", q));
    return pages.list(format, response, "项目", "projects", "/portal/projects",
        "公示中、已登记、已暂停、已注销的一类项目和已公开的二类项目。公示中的项目可在公示期内提出异议。", query,
        filters, PROJECT_COLUMNS, found);
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
    if (pages.json(format, response, detail)) {
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
    if (open) {
      PublicAnswerCache.doNotShare(request); // the form carries this visitor's token: never kept nor shared
      if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
        token.getToken(); // issues the form's token cookie before the page is written
      }
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
    model.put("published", PortalPages.feed(detail.published()));
    model.put("form", form);
    model.put("errors", errors);
    model.put("jsonUrl", "/portal/projects/" + p.id() + "?format=json");
    return new ModelAndView("portal/project", model);
  }
}
