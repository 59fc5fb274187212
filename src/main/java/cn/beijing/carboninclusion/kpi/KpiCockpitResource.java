package cn.beijing.carboninclusion.kpi;

import cn.beijing.carboninclusion.calendar.HolidayCoverage;
import cn.beijing.carboninclusion.notification.NoticeOutbox;
import cn.beijing.carboninclusion.identity.Groups;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.ServletContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.cockpit.Cockpit;
import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.context.ApplicationContext;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * The Cockpit plugin's REST resource: {@code GET /camunda/api/cockpit/plugin/carbon-kpi/{engine}/snapshot} answers the
 * cached KPI snapshot as JSON, with {@code holidaySchedule} (the years covered by holiday schedules and, from 1
 * November while next year has none, a {@code warning} the dashboard shows as a banner). Cockpit's security filter lets only users logged in to that engine through (anonymous:
 * 401); here only members of bureau, techcenter or camunda-admin get the figures (anyone else: 403).
 */
@Path("plugin/" + KpiCockpitPlugin.ID)
public class KpiCockpitResource extends AbstractCockpitPluginRootResource {
  static final Set<String> READERS = Set.of(Groups.BUREAU, Groups.TECHCENTER, Groups.ADMIN);

  /** The bundled Apache ECharts module that plugin.js imports (pom.xml copies it next to plugin.js at build time). */
  static final String ECHARTS_ASSET = "app/echarts.esm.min.js";

  public KpiCockpitResource() {
    super(KpiCockpitPlugin.ID);
  }

  /**
   * Cockpit serves a plugin's static assets only if allowed, by default {@code app/plugin.js} and
   * {@code app/plugin.css}; plugin.js imports the bundled ECharts module relative to itself, so it is allowed too.
   */
  @Override
  protected List<String> getAllowedAssets() {
    List<String> assets = new java.util.ArrayList<>(super.getAllowedAssets());
    assets.add(ECHARTS_ASSET);
    return assets;
  }

  @GET
  @Path("{engineName}/snapshot")
  @Produces(MediaType.APPLICATION_JSON)
  public Response snapshot(@PathParam("engineName") String engineName, @Context ServletContext servletContext) {
    requireReader(engineName, READERS);
    ApplicationContext context = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
    try {
      ObjectMapper mapper = context.getBean(ObjectMapper.class);
      ObjectNode answer = mapper.valueToTree(context.getBean(KpiSnapshots.class).current());
      // asked now, not from the snapshot: the banner goes as soon as the year is uploaded
      HolidayCoverage.Coverage coverage = context.getBean(HolidayCoverage.class).now();
      ObjectNode holidays = answer.putObject("holidaySchedule");
      holidays.putPOJO("coveredYears", coverage.coveredYears());
      holidays.putPOJO("missingYear", coverage.missingYear());
      holidays.put("warning", coverage.warning());
      String json = mapper.writeValueAsString(answer);
      return Response.ok(json, MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8")).build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("KPI snapshot not serialisable", e);
    }
  }

  /**
   * The panel 邮件通知发件箱 (administrators only, as recipients are personal data): whether a mail server is
   * configured, the notices per status, and the latest 20 notices (issue 26, item 4; {@link NoticeOutbox}).
   */
  @GET
  @Path("{engineName}/notices")
  @Produces(MediaType.APPLICATION_JSON)
  public Response notices(@PathParam("engineName") String engineName, @Context ServletContext servletContext) {
    requireReader(engineName, Set.of(Groups.ADMIN));
    ApplicationContext context = WebApplicationContextUtils.getRequiredWebApplicationContext(servletContext);
    NoticeOutbox outbox = context.getBean(NoticeOutbox.class);
    try {
      ObjectMapper mapper = context.getBean(ObjectMapper.class);
      ObjectNode answer = mapper.valueToTree(outbox.summary());
      answer.putPOJO("latest", outbox.page(null, 0, 20).getContent());
      return Response.ok(mapper.writeValueAsString(answer), MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
          .build();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("outbox not serialisable", e);
    }
  }

  /** A user of that engine in one of the groups: 404 without the engine, 401 without a user, 403 in none. */
  private static void requireReader(String engineName, Set<String> readers) {
    ProcessEngine engine = Cockpit.getProcessEngine(engineName);
    if (engine == null) {
      throw new WebApplicationException(Response.Status.NOT_FOUND);
    }
    Authentication authentication = engine.getIdentityService().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new WebApplicationException(Response.Status.UNAUTHORIZED);
    }
    List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
    if (groups.stream().noneMatch(readers::contains)) {
      throw new WebApplicationException(Response.Status.FORBIDDEN);
    }
  }
}
