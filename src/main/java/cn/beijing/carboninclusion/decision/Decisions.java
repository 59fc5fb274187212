package cn.beijing.carboninclusion.decision;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.springframework.stereotype.Service;

/**
 * The decisions on record for a case, as effects read them: an effect names the decisions its statute requires and
 * gets them, or an {@link EffectRefused} whatever route (modification, {@code startBefore}, a timer executed by hand,
 * migration, a model without the step) led to it.
 */
@Service
public class Decisions {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CaseDecisionRecords records;
  private final DecisionChains chains;

  Decisions(CaseDecisionRecords records, DecisionChains chains) {
    this.records = records;
    this.chains = chains;
  }

  /**
   * The decisions taken in the process instance of {@code execution} (its case), oldest first, once their SM3 chain
   * has been checked: an effect never acts on a record changed after the fact.
   *
   * @throws EffectRefused when the case's chain of decisions is broken
   */
  public Trail of(DelegateExecution execution) {
    String effect = execution.getCurrentActivityName() != null ? execution.getCurrentActivityName()
        : execution.getCurrentActivityId();
    List<CaseDecision> taken = records.findByProcessInstanceIdOrderByIdAsc(execution.getProcessInstanceId());
    DecisionChain.Verified chain = chains.verify(execution.getProcessInstanceId(), taken);
    Trail trail = new Trail(effect, taken, chain.head());
    if (!chain.intact()) {
      throw trail.refused("决定记录的哈希链在第 " + chain.brokenAt().getId() + " 条处断开：" + chain.problem()
          + " (the case's decision chain is broken)");
    }
    return trail;
  }

  /**
   * Who took a recorded decision in the cases with this business key of these processes (e.g. everyone who decided
   * on a project's registration, changes, reductions, audits or rectifications): people a later check of the case
   * should not be given to.
   */
  public Set<String> deciders(String businessKey, java.util.Collection<String> processKeys) {
    return new HashSet<>(records.decidersOf(businessKey, processKeys));
  }

  /** One decision taken, with the values validated by its form. */
  public record Taken(CaseDecision record, Map<String, Object> values) {
    public String text(String name) {
      Object value = values.get(name);
      return value == null ? "" : value.toString();
    }

    public BigDecimal decimal(String name) {
      BigDecimal number = FormContract.number(values.get(name));
      if (number == null) {
        throw new EffectRefused("决定「" + record.getTaskKey() + "」未记录 " + name + " (decision lacks " + name + ")");
      }
      return number;
    }

    public String by() {
      return record.getDecidedBy();
    }
  }

  /** The decisions of one case. */
  public static final class Trail {
    private final String effect;
    private final List<CaseDecision> decisions;
    private final String head;

    Trail(String effect, List<CaseDecision> decisions, String head) {
      this.effect = effect;
      this.decisions = decisions;
      this.head = head;
    }

    /**
     * The head of the case's decision chain (SM3, hex): the hash that covers every decision taken so far. An effect
     * that enters the registry journal records it there, so the daily signed journal head covers the decisions too.
     */
    public String head() {
      return head;
    }

    /**
     * The latest decision of task {@code taskKey}, which must have set {@code variable} to one of {@code values}.
     *
     * @throws EffectRefused when there is none, or it decided otherwise
     */
    public Taken require(String taskKey, String variable, String... values) {
      CaseDecision latest = null;
      for (CaseDecision decision : decisions) {
        if (decision.getTaskKey().equals(taskKey)) {
          latest = decision;
        }
      }
      if (latest == null) {
        throw refused("缺少「" + taskKey + "」的决定记录 (no recorded decision of " + taskKey + ")");
      }
      Taken taken = new Taken(latest, parse(latest.getValues()));
      if (!Arrays.asList(values).contains(taken.text(variable))) {
        throw refused("「" + taskKey + "」最近一次的决定为 " + variable + "=" + taken.text(variable) + "，不是 "
            + String.join("/", values) + " (decision of " + taskKey + " does not allow this effect)");
      }
      return taken;
    }

    /**
     * The decision that ended the task instance {@code taskId} (one instance of a multi-instance task), which must
     * have set {@code variable} to one of {@code values}.
     *
     * @throws EffectRefused when there is none, or it decided otherwise
     */
    public Taken requireTask(String taskId, String variable, String... values) {
      CaseDecision taken = null;
      for (CaseDecision decision : decisions) {
        if (decision.getTaskId().equals(taskId)) {
          taken = decision;
        }
      }
      if (taken == null) {
        throw refused("缺少任务 " + taskId + " 的决定记录 (no recorded decision of task " + taskId + ")");
      }
      Taken found = new Taken(taken, parse(taken.getValues()));
      if (!Arrays.asList(values).contains(found.text(variable))) {
        throw refused("任务 " + taskId + "（" + taken.getTaskKey() + "）的决定为 " + variable + "=" + found.text(variable)
            + "，不是 " + String.join("/", values) + " (decision of task " + taskId + " does not allow this effect)");
      }
      return found;
    }

    /** The decisions were taken by different people. */
    public Trail byDistinctPeople(Taken... taken) {
      Set<String> people = new HashSet<>();
      for (Taken t : taken) {
        if (!people.add(t.by())) {
          throw refused("同一人员（" + t.by() + "）作出了本案的两项决定 (decisions not taken by distinct people)");
        }
      }
      return this;
    }

    /** The decisions were taken in the statutory order given. */
    public Trail inOrder(Taken... taken) {
      for (int i = 1; i < taken.length; i++) {
        if (taken[i].record().getId() < taken[i - 1].record().getId()) {
          throw refused("「" + taken[i].record().getTaskKey() + "」的决定早于「" + taken[i - 1].record().getTaskKey()
              + "」(decisions out of statutory order)");
        }
      }
      return this;
    }

    public EffectRefused refused(String why) {
      return new EffectRefused("「" + effect + "」被拒绝：" + why);
    }
  }

  static Map<String, Object> parse(String values) {
    try {
      return JSON.readValue(values, new TypeReference<Map<String, Object>>() {});
    } catch (Exception e) {
      throw new EffectRefused("决定记录无法读取 (unreadable decision record)");
    }
  }

  static String write(Map<String, Object> values) {
    try {
      return JSON.writeValueAsString(values);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
