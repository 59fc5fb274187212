package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.common.ProcessMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** 异议: filing objections during publicity and recording how they were decided. */
@Service
public class ObjectionService {
  static final String MESSAGE_OBJECTION_FILED = ProcessMessages.OBJECTION_FILED;

  private final Objections objections;
  private final Projects projects;
  private final RuntimeService runtimeService;
  private final EngineAsPlatform engine;
  private final Clock clock;

  public ObjectionService(Objections objections, Projects projects, RuntimeService runtimeService,
      EngineAsPlatform engine, Clock clock) {
    this.objections = objections;
    this.projects = projects;
    this.runtimeService = runtimeService;
    this.engine = engine;
    this.clock = clock;
  }

  /**
   * Files an objection to a project in publicity and tells its registration process. Refused (409) outside
   * publicity, including after the publicity timer has fired.
   */
  @Transactional
  public Objection file(Long projectId, String objectorName, String contact, String content) {
    Project project = projects.findById(projectId).orElseThrow(() -> new NotFoundException("project", projectId));
    if (project.getStatus() != ProjectStatus.IN_PUBLICITY) {
      throw new ConflictException("项目不在公示期内，不能提出异议 (project not in publicity)");
    }
    Objection objection = objections.save(new Objection(projectId, blankToNull(objectorName), blankToNull(contact),
        content.trim(), Instant.now(clock)));
    try {
      engine.run(() -> runtimeService.createMessageCorrelation(MESSAGE_OBJECTION_FILED)
          .processInstanceBusinessKey(String.valueOf(projectId))
          .setVariableLocal("objectionId", objection.getId())
          .correlate());
    } catch (MismatchingMessageCorrelationException e) {
      throw new ConflictException("公示期已结束，不能提出异议 (publicity has ended)");
    }
    return objection;
  }

  /** Decides every open objection of a project the same way, with the published response. */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<Objection> decideOpen(Long projectId, boolean upheld, String response) {
    List<Objection> open = objections.findByProjectIdAndStatusOrderByIdAsc(projectId, Objection.Status.OPEN);
    Instant now = Instant.now(clock);
    open.forEach(o -> o.decide(upheld, response, now));
    return open;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public List<Objection> open(Long projectId) {
    return objections.findByProjectIdAndStatusOrderByIdAsc(projectId, Objection.Status.OPEN);
  }

  /** The open objections as the technical center reads them (content only; objectors stay confidential there too). */
  static String summary(List<Objection> open) {
    return open.stream().map(o -> "异议" + o.getId() + "（" + o.getFiledAt() + "）：" + o.getContent())
        .collect(Collectors.joining("\n"));
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
