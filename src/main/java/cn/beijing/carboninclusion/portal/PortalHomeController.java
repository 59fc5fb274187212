package cn.beijing.carboninclusion.portal;

import cn.beijing.carboninclusion.disclosure.DisclosureFeed;
import cn.beijing.carboninclusion.disclosure.PublishedItem;
import cn.beijing.carboninclusion.methodology.MethodologyStatus;
import cn.beijing.carboninclusion.methodology.PublicMethodologies;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.project.PublicProjects;
import cn.beijing.carboninclusion.registry.RegistryQueries;
import cn.beijing.carboninclusion.registry.RegistryViews.Statistics;
import java.util.List;
import java.util.Map;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/** The portal's home page: the headline counts, each linking to its list, and the latest disclosures. */
@Controller
class PortalHomeController {
  private final PublicProjects projects;
  private final PublicMethodologies methodologies;
  private final RegistryQueries registry;
  private final DisclosureFeed feed;

  PortalHomeController(PublicProjects projects, PublicMethodologies methodologies, RegistryQueries registry,
      DisclosureFeed feed) {
    this.projects = projects;
    this.methodologies = methodologies;
    this.registry = registry;
    this.feed = feed;
  }

  record Count(String label, long value, String href) {}

  @GetMapping({"/portal", "/portal/"})
  ModelAndView home() {
    Map<ProjectStatus, Long> byStatus = projects.countByStatus();
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
        "latest", PortalPages.feed(latest)));
  }
}
