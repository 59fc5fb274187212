package cn.beijing.carboninclusion.decision;

import cn.beijing.carboninclusion.common.ConflictException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The SM3 chains of the recorded decisions, per case ({@link DecisionChain}), as stored. */
@Component
class DecisionChains {
  private final CaseDecisionRecords records;
  private final JdbcTemplate jdbc;
  private volatile Long firstChainedId;

  DecisionChains(CaseDecisionRecords records, JdbcTemplate jdbc) {
    this.records = records;
    this.jdbc = jdbc;
  }

  /** The chain of one case, checked from its genesis. */
  DecisionChain.Verified verify(String processInstanceId) {
    return verify(processInstanceId, records.findByProcessInstanceIdOrderByIdAsc(processInstanceId));
  }

  /** The chain of one case's decisions already read, oldest first. */
  DecisionChain.Verified verify(String processInstanceId, java.util.List<CaseDecision> decisions) {
    return DecisionChain.verify(processInstanceId, decisions, firstChainedId());
  }

  /**
   * Chains a new decision after its case's last one and saves it. A case whose chain is broken takes no further
   * decision (409): its record must be examined first (docs/security.md, "Recorded decisions").
   */
  CaseDecision append(CaseDecision decision) {
    DecisionChain.Verified chain = verify(decision.getProcessInstanceId());
    if (!chain.intact()) {
      throw new ConflictException("本案决定记录的哈希链在第 " + chain.brokenAt().getId() + " 条处断开："
          + chain.problem() + "；须先核查，不再接受新的决定 (the case's decision chain is broken)");
    }
    decision.chainAfter(chain.head());
    return records.saveAndFlush(decision);
  }

  private long firstChainedId() {
    Long first = firstChainedId;
    if (first == null) {
      first = jdbc.queryForObject("select first_chained_id from case_decision_chain_start where id = 1", Long.class);
      firstChainedId = first;
    }
    return first;
  }
}
