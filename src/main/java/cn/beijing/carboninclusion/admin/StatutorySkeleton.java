package cn.beijing.carboninclusion.admin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.ErrorEventDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * What the measures require of each process, whatever an administrator's model says (issue 20, item 2;
 * docs/admin-guide.md "Statutory steps"). Per process key, a list of stages; each stage holds steps in any order
 * among themselves, and every step of a stage must come before every step of the next: <em>each path</em> from the
 * process's start to a later step passes through the earlier one (the earlier step dominates the later one in the
 * model's flow graph). A model that lacks a step, leaves it unreachable, or lets a path around it is refused at
 * deployment, naming the step. Steps are recognised by what they do — the delegate bean of an automatic check, the
 * form and candidate group of a human decision, the rule-driven timer of a period — not by their ids, which an
 * administrator may rename. The separation of duties (who may take which decision) is not the model's to give: the
 * task door and the effects check it in the domain whatever the model says (docs/security.md).
 */
final class StatutorySkeleton {

  /** A required step: its name for users, and how it is recognised in a model. */
  record Step(String name, Predicate<FlowNode> matches) {}

  /** A further requirement on the model's structure (e.g. the objection event during publicity). */
  record Requirement(String name, Predicate<BpmnModelInstance> holds) {}

  record Skeleton(List<List<Step>> stages, List<Requirement> requirements) {}

  static final Map<String, Skeleton> BY_PROCESS = declared();

  private StatutorySkeleton() {}

  private static Map<String, Skeleton> declared() {
    Map<String, Skeleton> skeletons = new LinkedHashMap<>();
    skeletons.put("ProjectRegistration", new Skeleton(List.of(
        List.of(service("核查方法学有效性", "methodologyEffectiveCheck"),
            service("核查开发方资格", "developerStandingCheck"),
            service("核查重复申报", "duplicateApplicationCheck"),
            service("核查项目地点重复", "duplicateSiteCheck"),
            service("核查其他减排机制登记", "externalRegistrationCheck"),
            service("核查收益返还比例", "revenueReturnCheck")),
        List.of(userTask("技术评估（技术支撑单位）", "form-technical-review", "techcenter")),
        List.of(service("开始公示", "publicityStart")),
        List.of(timer("公示期满（按规则的工作日数计时）", "${publicityDuration}")),
        List.of(service("公示结束", "publicityClose")),
        List.of(userTask("登记决定（生态环境局）", "form-bureau-decision", "bureau")),
        List.of(service("予以登记", "projectRegistration"))),
        List.of(new Requirement("公示期间可提出异议（Message_ObjectionFiled 的边界事件附于公示子流程）",
            StatutorySkeleton::objectionsDuringPublicity))));
    skeletons.put("ReductionRegistration", new Skeleton(List.of(
        List.of(service("核查项目状态", "projectStandingCheck"),
            service("核查申请期限与计入期", "applicationDeadlineCheck"),
            service("核查监测期重叠", "monitoringPeriodOverlapCheck"),
            service("核查审计报告义务", "auditObligationCheck"),
            service("平台复算减排量", "reductionRecomputation"),
            service("核查数据质量", "dataQualityCheck"),
            service("核查核查机构独立性", "verifierIndependenceCheck")),
        List.of(service("委托核查机构核查", "verificationEngagement")),
        List.of(userTask("核查机构核查", "form-reduction-verification", null)),
        List.of(userTask("减排量技术审核（技术支撑单位）", "form-reduction-review", "techcenter")),
        List.of(userTask("减排量登记审批（生态环境局）", "form-reduction-approval", "bureau")),
        List.of(service("签发登记", "reductionIssuance"))), List.of()));
    skeletons.put("Rectification", new Skeleton(List.of(
        List.of(service("暂停项目", "projectSuspension")),
        List.of(userTask("提交整改报告", "form-rectification-report", null)),
        List.of(userTask("整改核查（技术支撑单位）", "form-rectification-verification", "techcenter")),
        List.of(userTask("整改决定（生态环境局）", "form-rectification-decision", "bureau")),
        List.of(service("恢复项目", "projectRestoration"))), List.of()));
    skeletons.put("MethodologyFormulation", new Skeleton(List.of(
        List.of(service("核查材料完整性", "methodologyCompletenessCheck"),
            service("核查与现行方法学重叠", "methodologyOverlapCheck"),
            service("核查减排量计算公式", "methodologyFormulaCheck")),
        List.of(userTask("方法学技术审查（技术支撑单位）", "form-methodology-review", "techcenter")),
        List.of(userTask("专家评审", "form-expert-review", null)),
        List.of(service("开始征求意见", "publicCommentStart")),
        List.of(service("征求意见结束", "publicCommentClose")),
        List.of(userTask("方法学审批（生态环境局）", "form-methodology-approval", "bureau")),
        List.of(service("发布方法学", "methodologyPublication"))), List.of()));
    skeletons.put("MethodologyEvaluation", new Skeleton(List.of(
        List.of(userTask("方法学评估（技术支撑单位）", "form-methodology-assessment", "techcenter")),
        List.of(userTask("评估决定（生态环境局）", "form-evaluation-decision", "bureau")),
        List.of(service("调整级别", "methodologyRelevel"), service("废止方法学", "methodologyRetirement"))),
        List.of()));
    skeletons.put("ProjectCancellation", new Skeleton(List.of(
        List.of(userTask("注销确认（生态环境局）", "form-confirm-cancellation", "bureau")),
        List.of(service("注销项目", "projectCancellation"))), List.of()));
    return Map.copyOf(skeletons);
  }

  /** The problems of a process's model against its skeleton (none for a process the measures say nothing of). */
  static List<String> problems(String resource, BpmnModelInstance model, Process process) {
    Skeleton skeleton = BY_PROCESS.get(process.getId());
    if (skeleton == null) {
      return List.of();
    }
    String where = resource + " " + process.getId();
    Graph graph = Graph.of(process);
    List<String> problems = new ArrayList<>();
    Map<Step, Set<String>> found = new HashMap<>();
    Set<String> reachable = graph.reachable(Set.of());
    for (List<Step> stage : skeleton.stages()) {
      for (Step step : stage) {
        Set<String> nodes = graph.nodes.values().stream().filter(step.matches())
            .map(FlowNode::getId).collect(Collectors.toSet());
        if (nodes.isEmpty()) {
          problems.add(where + "：缺少法定步骤「" + step.name() + "」(statutory step missing)");
        } else if (nodes.stream().noneMatch(reachable::contains)) {
          problems.add(where + "：法定步骤「" + step.name() + "」(" + String.join(", ", sorted(nodes))
              + ") 从流程开始无法到达 (statutory step unreachable)");
        } else {
          found.put(step, nodes);
        }
      }
    }
    for (int i = 0; i + 1 < skeleton.stages().size(); i++) {
      for (Step earlier : skeleton.stages().get(i)) {
        for (Step later : skeleton.stages().get(i + 1)) {
          Set<String> before = found.get(earlier);
          Set<String> after = found.get(later);
          if (before == null || after == null) {
            continue;
          }
          Set<String> around = graph.reachable(before);
          List<String> bypassed = sorted(after.stream().filter(around::contains).toList());
          if (!bypassed.isEmpty()) {
            problems.add(where + "：法定步骤「" + earlier.name() + "」必须在「" + later.name() + "」之前，而有一条路径"
                + "不经过「" + earlier.name() + "」即到达 " + String.join(", ", bypassed)
                + " (a required step dropped or reordered)");
          }
        }
      }
    }
    for (Requirement requirement : skeleton.requirements()) {
      if (!requirement.holds().test(model)) {
        problems.add(where + "：缺少法定要求「" + requirement.name() + "」(statutory requirement missing)");
      }
    }
    return problems;
  }

  private static List<String> sorted(Collection<String> ids) {
    return ids.stream().sorted().toList();
  }

  private static Step service(String name, String bean) {
    return new Step(name, node -> node instanceof ServiceTask task
        && bean(task.getCamundaDelegateExpression()).equals(bean));
  }

  /** A human decision: its form and, for a staff decision, the candidate group (any other may be added). */
  private static Step userTask(String name, String formRef, String group) {
    return new Step(name, node -> node instanceof UserTask task && formRef.equals(task.getCamundaFormRef())
        && (group == null || groups(task.getCamundaCandidateGroups()).contains(group)));
  }

  private static Step timer(String name, String duration) {
    return new Step(name, node -> node instanceof IntermediateCatchEvent event
        && event.getEventDefinitions().stream().anyMatch(d -> d instanceof TimerEventDefinition timer
            && timer.getTimeDuration() != null
            && duration.equals(timer.getTimeDuration().getTextContent().strip())));
  }

  /** The objection message interrupts nothing but is heard during the whole publicity (the timer's sub-process). */
  private static boolean objectionsDuringPublicity(BpmnModelInstance model) {
    Step publicity = timer("", "${publicityDuration}");
    return model.getModelElementsByType(BoundaryEvent.class).stream().anyMatch(boundary ->
        boundary.getEventDefinitions().stream().anyMatch(d -> d instanceof MessageEventDefinition message
            && message.getMessage() != null && "Message_ObjectionFiled".equals(message.getMessage().getName()))
        && boundary.getAttachedTo() instanceof SubProcess scope
        && scope.getChildElementsByType(IntermediateCatchEvent.class).stream().anyMatch(publicity.matches()));
  }

  private static String bean(String expression) {
    if (expression == null) {
      return "";
    }
    String e = expression.replaceAll("\\s", "");
    return e.startsWith("${") && e.endsWith("}") ? e.substring(2, e.length() - 1) : e;
  }

  private static Set<String> groups(String candidateGroups) {
    return candidateGroups == null ? Set.of()
        : Arrays.stream(candidateGroups.split(",")).map(String::strip).collect(Collectors.toSet());
  }

  /**
   * The flow graph of a process as the engine runs it: sequence flows; an activity to its boundary events; a
   * sub-process's entry to its start events and its end events (not the error ones, which leave by their boundary
 * event) to its exit (its outgoing flows leave from the exit);
   * an event sub-process's start reachable from its scope's entry, its end leading to the scope's exit.
   */
  static final class Graph {
    private static final String ROOT = "\u0000start";
    final Map<String, FlowNode> nodes = new LinkedHashMap<>();
    private final Map<String, Set<String>> edges = new HashMap<>();

    static Graph of(Process process) {
      Graph graph = new Graph();
      graph.scope(process, ROOT, null);
      return graph;
    }

    private void scope(ModelElementInstance scope, String entry, String exit) {
      for (FlowNode node : scope.getChildElementsByType(FlowNode.class)) {
        nodes.put(node.getId(), node);
        if (node instanceof StartEvent && !(scope instanceof SubProcess sub && sub.triggeredByEvent())) {
          edge(entry, node.getId());
        }
        if (node instanceof EndEvent end && exit != null
            && end.getEventDefinitions().stream().noneMatch(d -> d instanceof ErrorEventDefinition)) {
          // an error end event leaves by the boundary event that catches it, never by the normal exit
          edge(node.getId(), exit);
        }
        if (node instanceof BoundaryEvent boundary && boundary.getAttachedTo() != null) {
          edge(boundary.getAttachedTo().getId(), node.getId());
        }
        if (node instanceof SubProcess sub) {
          if (sub.triggeredByEvent()) {
            for (StartEvent start : sub.getChildElementsByType(StartEvent.class)) {
              edge(entry, start.getId());
            }
            scope(sub, sub.getId(), exit);
          } else {
            scope(sub, sub.getId(), exitOf(sub));
          }
        }
      }
      for (SequenceFlow flow : scope.getChildElementsByType(SequenceFlow.class)) {
        FlowNode source = flow.getSource();
        String from = source instanceof SubProcess sub && !sub.triggeredByEvent() ? exitOf(sub) : source.getId();
        edge(from, flow.getTarget().getId());
      }
    }

    private static String exitOf(SubProcess sub) {
      return "\u0000exit:" + sub.getId();
    }

    private void edge(String from, String to) {
      edges.computeIfAbsent(from, k -> new HashSet<>()).add(to);
    }

    /** The nodes reachable from the process's start without passing through any of {@code removed}. */
    Set<String> reachable(Set<String> removed) {
      Set<String> seen = new HashSet<>();
      Deque<String> next = new ArrayDeque<>(List.of(ROOT));
      while (!next.isEmpty()) {
        String node = next.pop();
        if (removed.contains(node) || !seen.add(node)) {
          continue;
        }
        next.addAll(edges.getOrDefault(node, Set.of()));
      }
      return seen;
    }
  }
}
