package cn.beijing.carboninclusion.registry;

import static cn.beijing.carboninclusion.registry.RegistryCommands.blankToNull;
import static cn.beijing.carboninclusion.registry.RegistryCommands.normalise;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.IdempotencyKeys;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.registry.RegistryCommands.RetireCommand;
import cn.beijing.carboninclusion.registry.RegistryViews.RetirementView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 消纳: retiring units for a purpose, for good, by a developer from its own account or by the exchange from its own
 * or a buyer's. An ETS offset counts against the covered entity's offset limit of its compliance year.
 */
@Service
public class RetirementService {
  private final Retirements retirements;
  private final EtsOffsetTallies etsOffsets;
  private final RegistryJournal journal;
  private final ActingAccounts acting;
  private final Ledger ledger;
  private final SchemeRuleBook rules;

  RetirementService(Retirements retirements, EtsOffsetTallies etsOffsets, RegistryJournal journal,
      ActingAccounts acting, Ledger ledger, SchemeRuleBook rules) {
    this.retirements = retirements;
    this.etsOffsets = etsOffsets;
    this.journal = journal;
    this.acting = acting;
    this.ledger = ledger;
    this.rules = rules;
  }

  /** 消纳: retires units for a purpose, for good. */
  @Transactional
  public RetirementView retire(RetireCommand command) {
    return retire(command, null);
  }

  /**
   * The same with the client's Idempotency-Key ({@code null}: none): a key the retiring account already used is
   * refused (409) naming that retirement; checked under the journal's lock, so two concurrent retries retire nothing
   * twice.
   */
  @Transactional
  public RetirementView retire(RetireCommand command, String submissionKey) {
    String beneficiary = beneficiary(command);
    RegistryAccount source = acting.retiringFrom(command.accountNo());
    journal.lockHead();
    if (submissionKey != null) {
      retirements.findByAccountIdAndSubmissionKey(source.getId(), submissionKey).ifPresent(earlier -> {
        throw IdempotencyKeys.repeated(submissionKey, "retirement", earlier.getId());
      });
    }
    List<RegistryBlock> sources = ledger.usable(source, command.blockId());
    boolean etsOffset = command.purpose() == RetirementPurpose.ETS_OFFSET;
    if (etsOffset) {
      countEtsOffset(beneficiary, command.complianceYear(), command.verifiedEmissions(), command.quantity());
    }
    Instant now = ledger.now();
    Retirement retirement = retirements.saveAndFlush(Retirement.retirement(command.purpose(), source.getId(),
        command.quantity(), beneficiary, etsOffset ? beneficiary : null, command.verifiedEmissions(),
        command.complianceYear(), blankToNull(command.remark()), ledger.actor(), now)
        .withSubmissionKey(submissionKey));
    RegistryAccount destination = ledger.systemAccount(RegistryAccount.Kind.RETIREMENT);
    List<RegistryBlock> taken = ledger.take(sources, command.quantity());
    List<Movement.Step> steps = new ArrayList<>();
    for (RegistryBlock block : taken) {
      Long from = block.getAccountId();
      block.finish(RegistryBlock.Status.RETIRED, destination.getId(), retirement.getId(), now);
      steps.add(Movement.Step.of(Movement.Kind.RETIRED, block, from, destination.getId())
          .with(command.purpose(), beneficiary, null));
    }
    JournalEntry entry = ledger.record(JournalEntry.Operation.RETIRE, new JournalPayload()
        .put("retirement", retirement.getId())
        .put("purpose", command.purpose())
        .put("quantity", command.quantity())
        .put("from", source.accountNo())
        .put("beneficiary", beneficiary)
        .put("complianceYear", etsOffset ? command.complianceYear() : null), new JournalPayload()
        .put("verifiedEmissions", command.verifiedEmissions() == null ? null
            : command.verifiedEmissions().toPlainString())
        .put("remark", blankToNull(command.remark())), steps);
    retirement.journalled(entry.getId());
    return RetirementView.of(retirement, source, taken, entry);
  }

  /**
   * Checks the fields each purpose needs, and returns the beneficiary (normalised; for an ETS offset, its covered
   * entity).
   */
  private static String beneficiary(RetireCommand command) {
    Map<String, String> errors = new LinkedHashMap<>();
    String beneficiary = normalise(command.beneficiary());
    if (command.purpose() == RetirementPurpose.ETS_OFFSET) {
      if (normalise(command.coveredEntityName()) == null) {
        errors.put("coveredEntityName", "履约抵销须填写重点碳排放单位名称 (required for ETS_OFFSET)");
      }
      if (command.verifiedEmissions() == null) {
        errors.put("verifiedEmissions", "履约抵销须填写经核查的年度排放量 (required for ETS_OFFSET)");
      }
      if (command.complianceYear() == null) {
        errors.put("complianceYear", "履约抵销须填写履约年度 (required for ETS_OFFSET)");
      }
      beneficiary = normalise(command.coveredEntityName());
    } else if (command.purpose().requiresBeneficiary() && beneficiary == null) {
      errors.put("beneficiary", "该用途须填写受益方 (required for " + command.purpose() + ")");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return beneficiary;
  }

  /** Refuses an ETS offset that would take the entity's offsets in the year above the scheme rule etsOffsetMaxShare. */
  private void countEtsOffset(String coveredEntity, int year, BigDecimal declared, long quantity) {
    EtsOffsetTally tally = etsOffsets.lock(coveredEntity, year)
        .orElseGet(() -> etsOffsets.saveAndFlush(new EtsOffsetTally(coveredEntity, year, declared)));
    BigDecimal emissions = tally.emissionsWith(declared);
    BigDecimal share = rules.share(SchemeRule.ETS_OFFSET_MAX_SHARE);
    BigDecimal limit = share.multiply(emissions);
    long total = tally.getOffsetTotal() + quantity;
    if (BigDecimal.valueOf(total).compareTo(limit) > 0) {
      throw new ConflictException("超过碳市场抵销比例上限 (" + coveredEntity + " " + year + ": offsets would reach "
          + total + " tCO2e, the limit is " + share.stripTrailingZeros().toPlainString()
          + " × " + emissions.stripTrailingZeros().toPlainString() + " = "
          + limit.stripTrailingZeros().toPlainString() + " tCO2e; already offset " + tally.getOffsetTotal() + ")");
    }
    tally.add(quantity, declared);
  }
}
