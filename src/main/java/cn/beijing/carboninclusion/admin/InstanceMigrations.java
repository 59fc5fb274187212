package cn.beijing.carboninclusion.admin;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.EngineAsPlatform;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.management.ActivityStatistics;
import org.camunda.bpm.engine.migration.MigrationInstruction;
import org.camunda.bpm.engine.migration.MigrationPlan;
import org.camunda.bpm.engine.migration.MigrationPlanBuilder;
import org.camunda.bpm.engine.migration.MigrationPlanValidationException;
import org.camunda.bpm.engine.migration.MigrationPlanValidationReport;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.stereotype.Service;

/**
 * Moves the running cases of a process from one version to another with the engine's migration API (Community
 * Edition has the API, not Cockpit's migration UI): equal activity ids map themselves, renamed ones are mapped
 * explicitly; the plan is shown first with every activity that holds cases and has no target; execution is a batch.
 */
@Service
public class InstanceMigrations {
  private final RepositoryService repositoryService;
  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final EngineAsPlatform engine;

  InstanceMigrations(RepositoryService repositoryService, RuntimeService runtimeService,
      ManagementService managementService, EngineAsPlatform engine) {
    this.repositoryService = repositoryService;
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.engine = engine;
  }

  /** Which versions, and the explicit mappings for activities whose ids changed (source id → target id). */
  public record Request(String processKey, Integer fromVersion, Integer toVersion, Map<String, String> mappings) {}

  /** The plan as an administrator reviews it before executing it. */
  public record Plan(String processKey, int fromVersion, int toVersion, String sourceDefinitionId,
      String targetDefinitionId, List<Map<String, String>> instructions, Map<String, Long> casesPerActivity,
      Map<String, Long> unmappedActivitiesWithCases, long cases, boolean executable, List<String> problems) {}

  public record Started(String batchId, long cases, Plan plan) {}

  public Plan plan(Request request) {
    return engine.call(() -> build(request).plan());
  }

  /** Executes the plan as a batch; refused (409) while cases sit in activities the plan does not map. */
  public Started execute(Request request) {
    return engine.call(() -> {
      Built built = build(request);
      if (!built.plan().executable()) {
        throw new ConflictException("迁移计划不可执行 (migration plan not executable)：" + built.plan().problems());
      }
      if (built.plan().cases() == 0) {
        throw new ConflictException("源版本没有运行中的案件 (no running instances on version "
            + built.plan().fromVersion() + ")");
      }
      Batch batch = runtimeService.newMigration(built.migrationPlan())
          .processInstanceQuery(runtimeService.createProcessInstanceQuery()
              .processDefinitionId(built.plan().sourceDefinitionId()))
          .executeAsync();
      return new Started(batch.getId(), built.plan().cases(), built.plan());
    });
  }

  private record Built(Plan plan, MigrationPlan migrationPlan) {}

  private Built build(Request request) {
    if (request.processKey() == null || request.processKey().isBlank()) {
      throw new InvalidInputException("processKey", "请指定流程标识 (required)");
    }
    ProcessDefinition latest = repositoryService.createProcessDefinitionQuery()
        .processDefinitionKey(request.processKey()).latestVersion().singleResult();
    if (latest == null) {
      throw new NotFoundException("process", request.processKey());
    }
    int to = request.toVersion() == null ? latest.getVersion() : request.toVersion();
    int from = request.fromVersion() == null ? to - 1 : request.fromVersion();
    if (from == to) {
      throw new InvalidInputException("fromVersion", "源版本与目标版本相同 (same version)");
    }
    ProcessDefinition source = version(request.processKey(), from, "fromVersion");
    ProcessDefinition target = version(request.processKey(), to, "toVersion");

    Map<String, Long> casesPerActivity = new TreeMap<>();
    for (ActivityStatistics statistics : managementService.createActivityStatisticsQuery(source.getId()).list()) {
      casesPerActivity.put(statistics.getId(), (long) statistics.getInstances());
    }
    long cases = runtimeService.createProcessInstanceQuery().processDefinitionId(source.getId()).count();

    MigrationPlanBuilder builder = runtimeService.createMigrationPlan(source.getId(), target.getId())
        .mapEqualActivities().updateEventTriggers();
    Map<String, String> mappings = request.mappings() == null ? Map.of() : request.mappings();
    mappings.forEach((from1, to1) -> builder.mapActivities(from1, to1));
    List<String> problems = new ArrayList<>();
    MigrationPlan migrationPlan = null;
    try {
      migrationPlan = builder.build();
    } catch (MigrationPlanValidationException e) {
      problems.addAll(describe(e.getValidationReport()));
    }
    List<Map<String, String>> instructions = new ArrayList<>();
    Set<String> mappedSources = Set.of();
    if (migrationPlan != null) {
      for (MigrationInstruction instruction : migrationPlan.getInstructions()) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("source", instruction.getSourceActivityId());
        row.put("target", instruction.getTargetActivityId());
        instructions.add(row);
      }
      mappedSources = migrationPlan.getInstructions().stream().map(MigrationInstruction::getSourceActivityId)
          .collect(Collectors.toSet());
    }
    Map<String, Long> unmapped = new TreeMap<>();
    for (Map.Entry<String, Long> entry : casesPerActivity.entrySet()) {
      if (!mappedSources.contains(entry.getKey())) {
        unmapped.put(entry.getKey(), entry.getValue());
        problems.add("活动 " + entry.getKey() + " 有 " + entry.getValue() + " 个运行中的案件，但迁移计划没有为它指定目标活动");
      }
    }
    Plan plan = new Plan(request.processKey(), from, to, source.getId(), target.getId(), instructions,
        casesPerActivity, unmapped, cases, migrationPlan != null && unmapped.isEmpty(), problems);
    return new Built(plan, migrationPlan);
  }

  private ProcessDefinition version(String key, int version, String field) {
    ProcessDefinition definition = repositoryService.createProcessDefinitionQuery().processDefinitionKey(key)
        .processDefinitionVersion(version).singleResult();
    if (definition == null) {
      throw new InvalidInputException(field, "流程 " + key + " 没有第 " + version + " 版 (no such version)");
    }
    return definition;
  }

  private static List<String> describe(MigrationPlanValidationReport report) {
    List<String> problems = new ArrayList<>();
    report.getInstructionReports().forEach(r -> r.getFailures().forEach(f -> problems.add(
        r.getMigrationInstruction().getSourceActivityId() + " → " + r.getMigrationInstruction().getTargetActivityId()
            + "：" + f)));
    report.getVariableReports().forEach((name, r) -> r.getFailures().forEach(f -> problems.add(name + "：" + f)));
    return problems;
  }
}
