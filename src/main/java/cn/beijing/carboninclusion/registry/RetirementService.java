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
import cn.beijing.carboninclusion.registry.ets.CreditCodes;
import cn.beijing.carboninclusion.registry.ets.EtsCoveredEntities;
import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 消纳: retiring units for a purpose, for good, by a developer from its own account or by the exchange from its own
 * or a buyer's. An ETS offset names a covered entity of the list in force for its compliance year by unified social
 * credit code ({@link EtsCoveredEntities}) and counts against that entity's offset limit of the year, computed from the
 * verified emissions the list gives.
 */
@Service
public class RetirementService {
  private final Retirements retirements;
  private final EtsOffsetTallies etsOffsets;
  private final RegistryJournal journal;
  private final ActingAccounts acting;
  private final Ledger ledger;
  private final SchemeRuleBook rules;
  private final EtsCoveredEntities coveredEntities;

  RetirementService(Retirements retirements, EtsOffsetTallies etsOffsets, RegistryJournal journal,
      ActingAccounts acting, Ledger ledger, SchemeRuleBook rules, EtsCoveredEntities coveredEntities) {
    this.coveredEntities = coveredEntities;
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
    checkFields(command);
    boolean etsOffset = command.purpose() == RetirementPurpose.ETS_OFFSET;
    EtsCoveredEntities.Listed entity = etsOffset ? listed(command) : null;
    String beneficiary = etsOffset ? entity.name() : normalise(command.beneficiary());
    String creditCode = etsOffset ? entity.creditCode() : null;
    BigDecimal emissions = etsOffset ? entity.verifiedEmissions() : null;
    RegistryAccount source = acting.retiringFrom(command.accountNo());
    journal.lockHead();
    if (submissionKey != null) {
      retirements.findByAccountIdAndSubmissionKey(source.getId(), submissionKey).ifPresent(earlier -> {
        throw IdempotencyKeys.repeated(submissionKey, "retirement", earlier.getId());
      });
    }
    List<RegistryBlock> sources = ledger.usable(source, command.blockId());
    if (etsOffset) {
      countEtsOffset(entity, command.quantity());
    }
    Instant now = ledger.now();
    Retirement retirement = retirements.saveAndFlush(Retirement.retirement(command.purpose(), source.getId(),
        command.quantity(), beneficiary, etsOffset ? beneficiary : null, creditCode, emissions,
        command.complianceYear(), blankToNull(command.remark()), ledger.actor(), now)
        .withSubmissionKey(submissionKey));
    RegistryAccount destination = ledger.systemAccount(RegistryAccount.Kind.RETIREMENT);
    List<RegistryBlock> taken = ledger.take(sources, command.quantity());
    List<Movement.Step> steps = new ArrayList<>();
    for (RegistryBlock block : taken) {
      Long from = block.getAccountId();
      block.finish(RegistryBlock.Status.RETIRED, destination.getId(), retirement.getId(), now);
      steps.add(Movement.Step.of(Movement.Kind.RETIRED, block, from, destination.getId())
          .with(command.purpose(), beneficiary, creditCode, null));
    }
    JournalEntry entry = ledger.record(JournalEntry.Operation.RETIRE, new JournalPayload()
        .put("retirement", retirement.getId())
        .put("purpose", command.purpose())
        .put("quantity", command.quantity())
        .put("from", source.accountNo())
        .put("beneficiary", beneficiary)
        .put("coveredEntityCreditCode", creditCode)
        .put("complianceYear", etsOffset ? command.complianceYear() : null), new JournalPayload()
        .put("verifiedEmissions", emissions == null ? null : emissions.toPlainString())
        .put("etsListVersion", etsOffset ? entity.version() : null)
        .put("remark", blankToNull(command.remark())), steps);
    retirement.journalled(entry.getId());
    return RetirementView.of(retirement, source, taken, entry);
  }

  /** Checks the fields each purpose needs (400 naming each missing or invalid one). */
  private static void checkFields(RetireCommand command) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (command.verifiedEmissions() != null) {
      errors.put("verifiedEmissions", "经核查排放量取自重点碳排放单位名单，不由申报方填写，请勿提交该字段 (taken from the "
          + "list of covered entities, not declared: leave it out)");
    }
    if (command.purpose() == RetirementPurpose.ETS_OFFSET) {
      String code = command.coveredEntityCreditCode();
      if (code == null || code.isBlank()) {
        errors.put("coveredEntityCreditCode", "履约抵销须填写重点碳排放单位的统一社会信用代码 (required for ETS_OFFSET)");
      } else {
        String problem = CreditCodes.problem(code);
        if (problem != null) {
          errors.put("coveredEntityCreditCode", problem);
        }
      }
      if (command.complianceYear() == null) {
        errors.put("complianceYear", "履约抵销须填写履约年度 (required for ETS_OFFSET)");
      }
    } else if (command.purpose().requiresBeneficiary() && normalise(command.beneficiary()) == null) {
      errors.put("beneficiary", "该用途须填写受益方 (required for " + command.purpose() + ")");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }

  /**
   * The covered entity an ETS offset names, from the list in force for its compliance year: 400 naming
   * {@code coveredEntityCreditCode} when it is not listed, {@code coveredEntityName} when a name was sent that is not
   * the listed one (compared without spaces, full-width characters as half-width).
   */
  private EtsCoveredEntities.Listed listed(RetireCommand command) {
    int year = command.complianceYear();
    EtsCoveredEntities.Listed entity = coveredEntities.inForce(command.coveredEntityCreditCode(), year)
        .orElseThrow(() -> new InvalidInputException("coveredEntityCreditCode", "该统一社会信用代码不在 " + year
            + " 履约年度现行的北京市重点碳排放单位名单中，不能办理履约抵销 (not a covered entity in the list in force for "
            + "compliance year " + year + ")"));
    String sent = command.coveredEntityName();
    if (sent != null && !sent.isBlank() && !comparable(sent).equals(comparable(entity.name()))) {
      throw new InvalidInputException("coveredEntityName", "与名单中该统一社会信用代码的单位名称「" + entity.name()
          + "」不符 (not the name the list gives for this credit code; leave it out or send the listed name)");
    }
    return entity;
  }

  private static String comparable(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFKC).replaceAll("\\s+", "");
  }

  /**
   * Refuses an ETS offset that would take the entity's offsets in the year above the scheme rule etsOffsetMaxShare of
   * its listed verified emissions. The entity's tally is locked (under the journal's lock, which every registry write
   * takes first), so two concurrent offsets are counted one after the other.
   */
  private void countEtsOffset(EtsCoveredEntities.Listed entity, long quantity) {
    int year = entity.complianceYear();
    EtsOffsetTally tally = etsOffsets.lock(entity.creditCode(), year)
        .orElseGet(() -> etsOffsets.saveAndFlush(new EtsOffsetTally(entity.creditCode(), entity.name(), year,
            entity.verifiedEmissions())));
    BigDecimal emissions = entity.verifiedEmissions();
    BigDecimal share = rules.share(SchemeRule.ETS_OFFSET_MAX_SHARE);
    BigDecimal limit = share.multiply(emissions);
    long total = tally.getOffsetTotal() + quantity;
    if (BigDecimal.valueOf(total).compareTo(limit) > 0) {
      throw new ConflictException("超过碳市场抵销比例上限 (" + entity.name() + "，统一社会信用代码 " + entity.creditCode()
          + "，" + year + " 履约年度: offsets would reach " + total + " tCO2e, the limit is "
          + share.stripTrailingZeros().toPlainString() + " × " + emissions.stripTrailingZeros().toPlainString()
          + " (verified emissions, list version " + entity.version() + ") = "
          + limit.stripTrailingZeros().toPlainString() + " tCO2e; already offset " + tally.getOffsetTotal() + ")");
    }
    tally.add(quantity, emissions);
  }
}
