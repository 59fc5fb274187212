package cn.beijing.carboninclusion.decision;

import cn.beijing.carboninclusion.crypto.Sm3;
import java.util.List;

/**
 * The SM3 chain of a case's recorded decisions (Flyway V41): a case's first decision chains from its genesis,
 * {@code SM3("case_decision\n" + processInstanceId)}; each decision's hash is {@code SM3(previousHash + "\n" +
 * content)}, its content being its fields in a fixed order, one per line. Decisions recorded before V41 carry no
 * hash and are folded in by the same rule, so the next stored hash covers them. A changed field, a removed or
 * inserted row, or a row moved from another case breaks the chain from that row on.
 */
final class DecisionChain {
  private DecisionChain() {}

  /** Where a case's chain starts: bound to the case, so a chain cannot be moved to another. */
  static String genesis(String processInstanceId) {
    return Sm3.hex("case_decision\n" + processInstanceId);
  }

  /** What a decision's hash covers (all but its id, which the database assigns after the hash is computed). */
  static String content(CaseDecision decision) {
    return String.join("\n", decision.getTaskId(), decision.getProcessInstanceId(), decision.getProcessKey(),
        nz(decision.getBusinessKey()), decision.getTaskKey(), decision.getRoute(), decision.getDecidedBy(),
        decision.getDecidedAt().toString(), decision.getValues());
  }

  static String hash(String previousHash, String content) {
    return Sm3.hex(previousHash + "\n" + content);
  }

  /** What a check of one case's chain found: its head (the hash the next decision chains from) or where it broke. */
  record Verified(String head, CaseDecision brokenAt, String problem) {
    boolean intact() {
      return brokenAt == null;
    }
  }

  /**
   * Recomputes the chain of one case's decisions, oldest first, as they are stored; decisions from
   * {@code firstChainedId} on must carry their hash.
   */
  static Verified verify(String processInstanceId, List<CaseDecision> decisions, long firstChainedId) {
    String previous = genesis(processInstanceId);
    for (CaseDecision decision : decisions) {
      if (!processInstanceId.equals(decision.getProcessInstanceId())) {
        return new Verified(null, decision, "决定记录不属于本案 (a decision of another case)");
      }
      String computed = hash(previous, content(decision));
      if (decision.getHash() != null) {
        if (!previous.equals(decision.getPreviousHash())) {
          return new Verified(null, decision, "前序哈希不符，有决定记录被删除或插入 (a decision was removed or inserted)");
        }
        if (!computed.equals(decision.getHash())) {
          return new Verified(null, decision, "决定记录内容与其哈希不符 (a decision's content was changed)");
        }
      } else if (decision.getPreviousHash() != null || decision.getId() >= firstChainedId) {
        return new Verified(null, decision, "决定记录缺少哈希 (a decision's hash was removed)");
      }
      previous = computed;
    }
    return new Verified(previous, null, null);
  }

  private static String nz(String value) {
    return value == null ? "" : value;
  }
}
