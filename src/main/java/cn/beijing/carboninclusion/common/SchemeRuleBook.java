package cn.beijing.carboninclusion.common;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.camunda.bpm.engine.repository.Deployment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The one place the platform reads the scheme's rule parameters (收益返还比例, 公示期, time limits, …): the latest
 * deployed version of the DMN decision {@code SchemeRules} ({@code processes/scheme-rules.dmn}), which administrators
 * edit in Camunda Modeler and deploy like a process model (docs/admin-rules.md).
 *
 * <p>Every read asks the engine which versions are deployed (one query) and the {@link ModelChangeGate} which of
 * them is in force (no query once a version is settled in force), so an approved version applies from its date to the
 * next read, on every node, without a restart; redeploying an earlier table restores its values the same way. A value is read
 * when the step that needs it runs (the publicity length when publicity starts, a case's task time limits when the
 * case starts, …): steps that started before a deployment keep the value they read. The rows of one version are
 * evaluated once through the DecisionService (one historic decision instance per rule and version, written in a
 * transaction of its own) and kept by decision definition id, which names exactly one immutable version.
 *
 * <p>A missing row or a value that does not parse fails the read with {@link SchemeRuleUnavailable} naming the rule;
 * the deploy-time check ({@code ModelReferenceCheck}) refuses such a table before it can become the latest.
 */
@Service
public class SchemeRuleBook {
  private final RepositoryService repositoryService;
  private final DecisionService decisionService;
  private final EngineAsPlatform engine;
  private final Map<String, SchemeRuleSet> versions = new ConcurrentHashMap<>();
  private final ObjectProvider<ModelChangeGate> gate;
  private final Clock clock;

  public SchemeRuleBook(RepositoryService repositoryService, DecisionService decisionService,
      EngineAsPlatform engine, ObjectProvider<ModelChangeGate> gate, Clock clock) {
    this.repositoryService = repositoryService;
    this.decisionService = decisionService;
    this.engine = engine;
    this.gate = gate;
    this.clock = clock;
  }

  /**
   * The rules in force now: the newest deployed version that is in force — a version deployed from Camunda Modeler
   * applies only once a second person approved it, from the effective date the approval named (issue 20, item 1;
   * {@link ModelChangeGate}). Read several values of one step from one version.
   */
  public SchemeRuleSet current() {
    // every stored version is deployed by now: only whether it is in force is asked
    return resolve(clock.instant(), false);
  }

  /**
   * The rules in force at a past moment, for a rule whose statutory moment lies before the step that reads it (e.g.
   * an application's supplement time limit, read at each request as it stood when the application was filed;
   * docs/admin-rules.md): the newest version deployed by then and in force then.
   */
  public SchemeRuleSet at(Instant moment) {
    return resolve(moment, true);
  }

  private SchemeRuleSet resolve(Instant moment, boolean deployedByThen) {
    return engine.call(() -> {
      ModelChangeGate changes = gate.getIfAvailable();
      DecisionDefinition latest = repositoryService.createDecisionDefinitionQuery()
          .decisionDefinitionKey(SchemeRulesDecision.KEY).withoutTenantId().orderByDecisionDefinitionVersion().desc()
          .list().stream().filter(d -> (changes == null || changes.inForce(d.getDeploymentId(), moment))
              && (!deployedByThen || deployedBy(d, moment))).findFirst().orElse(null);
      if (latest == null) {
        throw new SchemeRuleUnavailable("规则参数决策 " + SchemeRulesDecision.KEY
            + " 未部署（processes/scheme-rules.dmn）(scheme rules decision not deployed)");
      }
      SchemeRuleSet known = versions.get(latest.getId());
      if (known != null) {
        return known;
      }
      // evaluating writes decision history: in a transaction of its own, as the caller's may be read-only
      SchemeRuleSet loaded = engine.callInNewTransaction(() -> load(latest));
      versions.put(latest.getId(), loaded);
      return loaded;
    });
  }

  /** Whether a version was deployed by the moment: read from the loaded version, or asked once for a new one. */
  private boolean deployedBy(DecisionDefinition definition, Instant moment) {
    SchemeRuleSet known = versions.get(definition.getId());
    Instant deployedAt = known != null ? known.deploymentTime() : deploymentTime(definition.getDeploymentId());
    return deployedAt == null || !deployedAt.isAfter(moment);
  }

  private Instant deploymentTime(String deploymentId) {
    Deployment deployment = repositoryService.createDeploymentQuery().deploymentId(deploymentId).singleResult();
    return deployment == null || deployment.getDeploymentTime() == null ? null
        : deployment.getDeploymentTime().toInstant();
  }

  /** Working days of a time limit. */
  public int days(SchemeRule rule) {
    return current().days(rule);
  }

  /** A time limit as a working-day duration, e.g. {@code P20WD}. */
  public String duration(SchemeRule rule) {
    return current().duration(rule);
  }

  /** A whole number (rounds, years, persons). */
  public int count(SchemeRule rule) {
    return current().count(rule);
  }

  /** A share between 0 and 1. */
  public BigDecimal share(SchemeRule rule) {
    return current().share(rule);
  }

  /** A period of calendar time. */
  public Period period(SchemeRule rule) {
    return current().period(rule);
  }

  private SchemeRuleSet load(DecisionDefinition definition) {
    Deployment deployment = repositoryService.createDeploymentQuery().deploymentId(definition.getDeploymentId())
        .singleResult();
    var entries = SchemeRulesDecision.read(variables -> decisionService
        .evaluateDecisionTableById(definition.getId()).variables(variables).evaluate());
    return new SchemeRuleSet(definition.getId(), definition.getVersion(), definition.getDeploymentId(),
        deployment == null ? null : deployment.getName(),
        deployment == null || deployment.getDeploymentTime() == null ? null
            : deployment.getDeploymentTime().toInstant(), entries);
  }
}
