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

  Decisions(CaseDecisionRecords records) {
    this.records = records;
  }

  /** The decisions taken in the process instance of {@code execution} (its case), oldest first. */
  public Trail of(DelegateExecution execution) {
    return new Trail(execution.getCurrentActivityName() != null ? execution.getCurrentActivityName()
        : execution.getCurrentActivityId(), records.findByProcessInstanceIdOrderByIdAsc(execution.getProcessInstanceId()));
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

    Trail(String effect, List<CaseDecision> decisions) {
      this.effect = effect;
      this.decisions = decisions;
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
