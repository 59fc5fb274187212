package cn.beijing.carboninclusion.portal;

import cn.beijing.carboninclusion.portal.PortalFormats.Format;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.project.PublicProjects;
import cn.beijing.carboninclusion.registry.RegistryQueries;
import cn.beijing.carboninclusion.registry.RegistryQueries.MonthlyFlow;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * 统计图表 (issue 26, item 1): the public's charts — units issued and retired per month over the last 24 months, and
 * the public projects of each district by status. The page's tables are the data (they work without scripts and are
 * what a screen reader reads); {@code statistics.js} draws the charts from them with Apache ECharts, bundled at build
 * time ({@code /portal/vendor/echarts.min.js}). The same figures as JSON with {@code ?format=json}.
 */
@Controller
class PortalStatisticsController {
  static final int MONTHS = 24;
  private final RegistryQueries registry;
  private final PublicProjects projects;
  private final PortalFormats formats;
  private final Clock clock;
  private final ZoneId zone;

  PortalStatisticsController(RegistryQueries registry, PublicProjects projects, PortalFormats formats, Clock clock,
      @Value("${carbon-inclusion.calendar.zone:Asia/Shanghai}") ZoneId zone) {
    this.registry = registry;
    this.projects = projects;
    this.formats = formats;
    this.clock = clock;
    this.zone = zone;
  }

  /** The projects of one district: the count in each public status, in the order of {@link #STATUSES}. */
  record DistrictRow(String district, List<Long> counts, long total) {}

  static final List<ProjectStatus> STATUSES = List.copyOf(PublicProjects.PUBLIC);

  @GetMapping("/portal/statistics")
  ModelAndView statistics(@RequestParam(required = false) String format, HttpServletResponse response)
      throws IOException {
    List<MonthlyFlow> flows = registry.monthly(YearMonth.now(clock.withZone(zone)), MONTHS, zone);
    Map<String, Map<ProjectStatus, Long>> byDistrict = projects.countsByDistrictAndStatus();
    List<DistrictRow> districts = new ArrayList<>();
    byDistrict.forEach((district, counts) -> {
      List<Long> row = STATUSES.stream().map(s -> counts.getOrDefault(s, 0L)).toList();
      districts.add(new DistrictRow(district, row, row.stream().mapToLong(Long::longValue).sum()));
    });
    if (Format.of(format) == Format.JSON) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("unit", "tCO2e");
      body.put("monthly", flows);
      body.put("statuses", STATUSES);
      body.put("projectsByDistrict", districts);
      formats.writeJson(response, body);
      return null;
    }
    return new ModelAndView("portal/statistics", Map.of("nav", "statistics", "title", "统计图表", "flows", flows,
        "statuses", STATUSES.stream().map(ProjectStatus::label).toList(), "districts", districts,
        "months", MONTHS));
  }
}
