package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.PublicPage;
import cn.beijing.carboninclusion.project.PublicProjects.Criteria;
import cn.beijing.carboninclusion.project.PublicProjects.PublicProject;
import cn.beijing.carboninclusion.project.PublicProjects.PublicProjectDetail;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * 信息公开: the public disclosure data of projects, without login (the disclosure portal under {@code /portal} shows
 * the same through {@link PublicProjects}). Only published states are shown; no participant data, objector
 * identities or reviewer identities.
 */
@RestController
@RequestMapping("/api/public")
@Tag(name = "信息公开 public disclosure")
class PublicProjectController {
  private final PublicProjects projects;

  PublicProjectController(PublicProjects projects) {
    this.projects = projects;
  }

  @Operation(summary = "公开的项目（公示中、已登记、已暂停、已注销、二类已公开），可按状态筛选；分页（page 从 0 起，size ≤ 200）")
  @GetMapping("/projects")
  ResponseEntity<List<PublicProject>> projects(@RequestParam(required = false) ProjectStatus status,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    return PublicPage.answer(projects.find(new Criteria(status, null, null, null), PublicPage.of(page, size)));
  }

  @Operation(summary = "项目公开信息：状态、公示期、异议处理结果、公开记录")
  @GetMapping("/projects/{id}")
  PublicProjectDetail project(@PathVariable Long id) {
    return projects.get(id);
  }
}
