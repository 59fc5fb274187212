package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.common.SchemeRule;
import cn.beijing.carboninclusion.common.SchemeRuleBook;
import cn.beijing.carboninclusion.calendar.CalendarProperties;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.ForbiddenException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.identity.Groups;
import cn.beijing.carboninclusion.registry.RegistryViews.BlockView;
import cn.beijing.carboninclusion.registry.RegistryViews.HoldingsView;
import cn.beijing.carboninclusion.registry.RegistryViews.JournalRef;
import cn.beijing.carboninclusion.registry.RegistryViews.RetirementView;
import cn.beijing.carboninclusion.registry.RegistryViews.RevenueReturnView;
import cn.beijing.carboninclusion.registry.RegistryViews.TradeView;
import cn.beijing.carboninclusion.registry.RegistryViews.TransferView;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The operations on issued units: transfer to the exchange, the exchange's receipt and trade reports, retirement
 * (消纳) by purpose, the bureau's administrative cancellation, revenue return reports, and reading holdings.
 *
 * <p>Every operation first locks the journal's head, then the blocks it takes (oldest first, SELECT … FOR UPDATE);
 * blocks also carry an optimistic version, and the schema refuses overlapping bounds, negative quantities and a final
 * block without its retirement. So two operations on the same units run one after the other, and the second sees
 * what the first left.
 */
@Service
public class RegistryOperations {
  static final String REGISTRATION_NO = "BJCI-P-[0-9A-Za-z]+(-[0-9A-Za-z]+)*";

  /** Transfer of the caller's units to the exchange; with {@code blockId}, out of that block only. */
  public record TransferCommand(@NotNull @Positive Long quantity, Long blockId) {}

  /**
   * A sale the exchange reports. The buyer is an existing account ({@code buyerAccountNo}) or a new one opened with
   * this trade ({@code buyerName}); exactly one of the two. {@code proceeds} defaults to quantity × price;
   * {@code tradeDate} to today.
   */
  public record TradeCommand(
      @NotBlank @Pattern(regexp = REGISTRATION_NO) @Size(max = 40) String projectRegistrationNo,
      @Min(1900) @Max(9999) Integer vintageYear,
      @NotNull @Positive Long quantity,
      @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal pricePerTonne,
      @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal proceeds,
      @Size(max = 30) String buyerAccountNo,
      @Size(max = 200) String buyerName,
      LocalDate tradeDate) {}

  /**
   * 消纳 of units for a purpose. ETS_OFFSET needs {@code coveredEntityName}, {@code verifiedEmissions} (tCO2e) and
   * {@code complianceYear}; the neutrality purposes and ECOLOGICAL_COMPENSATION need {@code beneficiary}. A developer
   * retires from its own account; the exchange from its own or a buyer's ({@code accountNo}).
   */
  public record RetireCommand(
      @NotNull RetirementPurpose purpose,
      @NotNull @Positive Long quantity,
      Long blockId,
      @Size(max = 30) String accountNo,
      @Size(max = 300) String beneficiary,
      @Size(max = 300) String coveredEntityName,
      @Positive @Digits(integer = 14, fraction = 4) BigDecimal verifiedEmissions,
      @Min(1900) @Max(9999) Integer complianceYear,
      @Size(max = 2000) String remark) {}

  /** The bureau's cancellation of units of a block (all of it without {@code quantity}; else its tail). */
  public record CancelCommand(@NotNull Long blockId, @Positive Long quantity,
      @NotBlank @Size(max = 2000) String reason) {}

  /** What a developer returned to a project's participants in a calendar year, and its operating costs. */
  public record RevenueReturnCommand(
      @NotBlank @Pattern(regexp = REGISTRATION_NO) @Size(max = 40) String projectRegistrationNo,
      @NotNull @Min(1900) @Max(9999) Integer periodYear,
      @NotNull @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal returnedAmount,
      @DecimalMin("0") @Digits(integer = 16, fraction = 2) BigDecimal operatingCosts,
      @PositiveOrZero Integer participants,
      @Size(max = 2000) String note) {}

  private final RegistryAccounts accounts;
  private final RegistryBlocks blocks;
  private final Transfers transfers;
  private final Trades trades;
  private final Retirements retirements;
  private final EtsOffsetTallies etsOffsets;
  private final RevenueReturns revenueReturns;
  private final Issuances issuances;
  private final RegistryJournal journal;
  private final JournalEntries journalEntries;
  private final Ledger ledger;
  private final DeveloperService developers;
  private final CurrentUser currentUser;
  private final SchemeRuleBook rules;
  private final CalendarProperties calendar;

  RegistryOperations(RegistryAccounts accounts, RegistryBlocks blocks, Transfers transfers, Trades trades,
      Retirements retirements, EtsOffsetTallies etsOffsets, RevenueReturns revenueReturns, Issuances issuances,
      RegistryJournal journal, JournalEntries journalEntries, Ledger ledger, DeveloperService developers,
      CurrentUser currentUser, SchemeRuleBook rules, CalendarProperties calendar) {
    this.accounts = accounts;
    this.blocks = blocks;
    this.transfers = transfers;
    this.trades = trades;
    this.retirements = retirements;
    this.etsOffsets = etsOffsets;
    this.revenueReturns = revenueReturns;
    this.issuances = issuances;
    this.journal = journal;
    this.journalEntries = journalEntries;
    this.ledger = ledger;
    this.developers = developers;
    this.currentUser = currentUser;
    this.rules = rules;
    this.calendar = calendar;
  }

  // ---------------------------------------------------------------- holdings

  /** The caller's account: a developer's own, or the exchange's for its staff. */
  @Transactional(readOnly = true)
  public HoldingsView myHoldings() {
    if (currentUser.isMemberOf(Groups.EXCHANGE)) {
      return holdings(ledger.systemAccount(RegistryAccount.Kind.EXCHANGE));
    }
    DeveloperOrganisation organisation = developers.currentOrganisation();
    return accounts.findByDeveloperId(organisation.getId()).map(this::holdings)
        .orElseGet(() -> new HoldingsView(null, RegistryAccount.Kind.DEVELOPER, organisation.getName(), 0, 0,
            List.of()));
  }

  /**
   * An account's holdings as the caller may see them: the bureau and the technical center any account, the exchange
   * its own and its buyers', a developer only its own (any other is "not found").
   */
  @Transactional(readOnly = true)
  public HoldingsView holdingsOf(String accountNo) {
    RegistryAccount account = accounts.findById(RegistryAccount.idOf(accountNo, "accountNo"))
        .orElseThrow(() -> new NotFoundException("account", accountNo));
    if (currentUser.isAuthority()) {
      return holdings(account);
    }
    if (currentUser.isMemberOf(Groups.EXCHANGE)) {
      if (account.getKind() == RegistryAccount.Kind.EXCHANGE || account.getKind() == RegistryAccount.Kind.BUYER) {
        return holdings(account);
      }
      throw new NotFoundException("account", accountNo);
    }
    DeveloperOrganisation organisation = developers.currentOrganisation();
    if (!organisation.getId().equals(account.getDeveloperId())) {
      throw new NotFoundException("account", accountNo);
    }
    return holdings(account);
  }

  private HoldingsView holdings(RegistryAccount account) {
    List<RegistryBlock> held = blocks.findByAccountIdAndStatusInOrderByIdAsc(account.getId(),
        List.of(RegistryBlock.Status.ACTIVE, RegistryBlock.Status.PENDING));
    long available = held.stream().filter(b -> b.getStatus() == RegistryBlock.Status.ACTIVE)
        .mapToLong(RegistryBlock::getQuantity).sum();
    long pending = held.stream().filter(b -> b.getStatus() == RegistryBlock.Status.PENDING)
        .mapToLong(RegistryBlock::getQuantity).sum();
    return new HoldingsView(account.accountNo(), account.getKind(), account.getName(), available, pending,
        BlockView.of(held));
  }

  // ---------------------------------------------------------------- transfers to the exchange

  /** A developer sends units to the exchange's account; they stay pending there until the exchange confirms. */
  @Transactional
  public TransferView transferToExchange(TransferCommand command) {
    DeveloperOrganisation organisation = developers.currentOrganisation();
    journal.lockHead();
    RegistryAccount account = accounts.findByDeveloperId(organisation.getId())
        .orElseThrow(() -> new ConflictException("账户中没有可用减排量 (no units in the account)"));
    List<RegistryBlock> sources = sources(account, command.blockId());
    RegistryAccount exchange = ledger.systemAccount(RegistryAccount.Kind.EXCHANGE);
    Instant now = ledger.now();
    Transfer transfer = transfers.saveAndFlush(new Transfer(account.getId(), exchange.getId(), command.quantity(),
        ledger.actor(), now));
    List<RegistryBlock> taken = ledger.take(sources, command.quantity());
    List<Movement.Step> steps = new ArrayList<>();
    for (RegistryBlock block : taken) {
      block.sendPending(exchange.getId(), transfer.getId(), now);
      steps.add(Movement.Step.of(Movement.Kind.TRANSFERRED, block, account.getId(), exchange.getId()));
    }
    JournalEntry entry = ledger.record(JournalEntry.Operation.TRANSFER, new JournalPayload()
        .put("transfer", transfer.getId())
        .put("quantity", command.quantity())
        .put("from", account.accountNo())
        .put("to", exchange.accountNo())
        .put("by", ledger.actorRole()), new JournalPayload().put("actor", ledger.actor()), steps);
    transfer.journalled(entry.getId());
    return transferView(transfer, taken, entry, null);
  }

  /** The exchange confirms it received a pending transfer: its units become usable in the exchange's account. */
  @Transactional
  public TransferView confirmReceipt(Long transferId) {
    journal.lockHead();
    Transfer transfer = transfers.lockById(transferId).orElseThrow(() -> new NotFoundException("transfer", transferId));
    transfer.confirm(ledger.actor(), ledger.now());
    List<RegistryBlock> pending = blocks.lockByTransfer(transferId, RegistryBlock.Status.PENDING);
    long quantity = pending.stream().mapToLong(RegistryBlock::getQuantity).sum();
    if (quantity != transfer.getQuantity()) {
      throw new IllegalStateException("transfer " + transferId + " has " + quantity + " pending units, expected "
          + transfer.getQuantity());
    }
    List<Movement.Step> steps = new ArrayList<>();
    for (RegistryBlock block : pending) {
      block.confirmReceipt(ledger.now());
      steps.add(Movement.Step.of(Movement.Kind.RECEIVED, block, transfer.getFromAccountId(), block.getAccountId()));
    }
    JournalEntry entry = ledger.record(JournalEntry.Operation.CONFIRM_RECEIPT, new JournalPayload()
        .put("transfer", transfer.getId())
        .put("quantity", transfer.getQuantity())
        .put("by", ledger.actorRole()), new JournalPayload().put("actor", ledger.actor()), steps);
    transfer.confirmationJournalled(entry.getId());
    return transferView(transfer, pending, journalEntries.findById(transfer.getJournalEntryId()).orElse(null), entry);
  }

  /** Transfers the caller may see: a developer its own, the exchange and the authorities all of them. */
  @Transactional(readOnly = true)
  public List<TransferView> transfers(Transfer.Status status) {
    List<Transfer> found;
    if (currentUser.isMemberOf(Groups.EXCHANGE) || currentUser.isAuthority()) {
      found = status == null ? transfers.findAllByOrderByIdDesc() : transfers.findByStatusOrderByIdAsc(status);
    } else {
      DeveloperOrganisation organisation = developers.currentOrganisation();
      found = accounts.findByDeveloperId(organisation.getId())
          .map(a -> transfers.findByFromAccountIdOrderByIdDesc(a.getId())).orElse(List.of()).stream()
          .filter(t -> status == null || t.getStatus() == status).toList();
    }
    return found.stream().map(t -> transferView(t, blocks.findByTransferIdOrderByIdAsc(t.getId()),
        t.getJournalEntryId() == null ? null : journalEntries.findById(t.getJournalEntryId()).orElse(null),
        t.getConfirmationJournalEntryId() == null ? null
            : journalEntries.findById(t.getConfirmationJournalEntryId()).orElse(null))).toList();
  }

  private static TransferView transferView(Transfer t, List<RegistryBlock> blocks, JournalEntry request,
      JournalEntry confirmation) {
    return new TransferView(t.getId(), RegistryAccount.number(t.getFromAccountId()),
        RegistryAccount.number(t.getToAccountId()), t.getQuantity(), t.getStatus(), t.getRequestedAt(),
        t.getConfirmedAt(), BlockView.of(blocks), JournalRef.of(request), JournalRef.of(confirmation));
  }

  // ---------------------------------------------------------------- trades

  /** The exchange reports a sale: units of a project move from its account to the buyer's, with the proceeds. */
  @Transactional
  public TradeView reportTrade(TradeCommand command) {
    boolean byAccount = command.buyerAccountNo() != null && !command.buyerAccountNo().isBlank();
    boolean byName = command.buyerName() != null && !command.buyerName().isBlank();
    if (byAccount == byName) {
      String message = "买方账户号与新买方名称须且只须填写一项 (give exactly one of buyerAccountNo, buyerName)";
      throw new InvalidInputException(Map.of("buyerAccountNo", message, "buyerName", message));
    }
    LocalDate today = ledger.now().atZone(calendar.zone()).toLocalDate();
    LocalDate tradeDate = command.tradeDate() == null ? today : command.tradeDate();
    if (tradeDate.isAfter(today)) {
      throw new InvalidInputException("tradeDate", "成交日期不能晚于今天 (trade date in the future)");
    }
    journal.lockHead();
    Instant now = ledger.now();
    RegistryAccount exchange = ledger.systemAccount(RegistryAccount.Kind.EXCHANGE);
    RegistryAccount buyer;
    if (byAccount) {
      buyer = accounts.findById(RegistryAccount.idOf(command.buyerAccountNo().strip(), "buyerAccountNo"))
          .filter(a -> a.getKind() == RegistryAccount.Kind.BUYER || a.getKind() == RegistryAccount.Kind.DEVELOPER)
          .orElseThrow(() -> new InvalidInputException("buyerAccountNo",
              "不是买方或开发方账户 (no buyer or developer account with this number)"));
    } else {
      buyer = accounts.saveAndFlush(RegistryAccount.ofBuyer(command.buyerName().strip(), now));
    }
    List<RegistryBlock> sources = command.vintageYear() == null
        ? blocks.lockByAccountAndProject(exchange.getId(), RegistryBlock.Status.ACTIVE, command.projectRegistrationNo())
        : blocks.lockByAccountAndProjectAndVintage(exchange.getId(), RegistryBlock.Status.ACTIVE,
            command.projectRegistrationNo(), command.vintageYear());
    List<RegistryBlock> taken = ledger.take(sources, command.quantity());
    BigDecimal proceeds = command.proceeds() != null ? command.proceeds()
        : command.pricePerTonne().multiply(BigDecimal.valueOf(command.quantity())).setScale(2, RoundingMode.HALF_UP);
    Trade trade = trades.saveAndFlush(new Trade(command.projectRegistrationNo(), taken.get(0).getDeveloperId(),
        command.vintageYear(), command.quantity(), command.pricePerTonne(), proceeds, buyer.getId(), tradeDate,
        ledger.actor(), now));
    List<Movement.Step> steps = new ArrayList<>();
    for (RegistryBlock block : taken) {
      block.moveTo(buyer.getId(), now);
      steps.add(Movement.Step.of(Movement.Kind.TRADED, block, exchange.getId(), buyer.getId()));
    }
    JournalEntry entry = ledger.record(JournalEntry.Operation.TRADE, new JournalPayload()
        .put("trade", trade.getId())
        .put("registrationNo", command.projectRegistrationNo())
        .put("vintage", command.vintageYear())
        .put("quantity", command.quantity())
        .put("buyer", buyer.accountNo())
        .put("tradeDate", tradeDate)
        .put("by", ledger.actorRole()), new JournalPayload()
        .put("actor", ledger.actor())
        .put("pricePerTonne", command.pricePerTonne().toPlainString())
        .put("proceeds", proceeds.toPlainString())
        .put("buyerName", byName ? command.buyerName().strip() : null), steps);
    trade.journalled(entry.getId());
    return new TradeView(trade.getId(), trade.getProjectRegistrationNo(), trade.getVintageYear(), trade.getQuantity(),
        trade.getPricePerTonne(), trade.getProceeds(), buyer.accountNo(), tradeDate, BlockView.of(taken),
        JournalRef.of(entry));
  }

  // ---------------------------------------------------------------- retirement and cancellation

  /** 消纳: retires units for a purpose, for good. */
  @Transactional
  public RetirementView retire(RetireCommand command) {
    Purposeful checked = checkPurpose(command);
    RegistryAccount source = retiringAccount(command.accountNo());
    journal.lockHead();
    List<RegistryBlock> sources = sources(source, command.blockId());
    if (command.purpose() == RetirementPurpose.ETS_OFFSET) {
      countEtsOffset(checked.beneficiary(), command.complianceYear(), command.verifiedEmissions(), command.quantity());
    }
    Instant now = ledger.now();
    Retirement retirement = retirements.saveAndFlush(Retirement.retirement(command.purpose(), source.getId(),
        command.quantity(), checked.beneficiary(),
        command.purpose() == RetirementPurpose.ETS_OFFSET ? checked.beneficiary() : null,
        command.verifiedEmissions(), command.complianceYear(), blankToNull(command.remark()), ledger.actor(), now));
    RegistryAccount destination = ledger.systemAccount(RegistryAccount.Kind.RETIREMENT);
    List<RegistryBlock> taken = ledger.take(sources, command.quantity());
    List<Movement.Step> steps = new ArrayList<>();
    for (RegistryBlock block : taken) {
      Long from = block.getAccountId();
      block.finish(RegistryBlock.Status.RETIRED, destination.getId(), retirement.getId(), now);
      steps.add(Movement.Step.of(Movement.Kind.RETIRED, block, from, destination.getId())
          .with(command.purpose(), checked.beneficiary(), null));
    }
    JournalEntry entry = ledger.record(JournalEntry.Operation.RETIRE, new JournalPayload()
        .put("retirement", retirement.getId())
        .put("purpose", command.purpose())
        .put("quantity", command.quantity())
        .put("from", source.accountNo())
        .put("beneficiary", checked.beneficiary())
        .put("complianceYear", command.purpose() == RetirementPurpose.ETS_OFFSET ? command.complianceYear() : null)
        .put("by", ledger.actorRole()), new JournalPayload()
        .put("actor", ledger.actor())
        .put("verifiedEmissions", command.verifiedEmissions() == null ? null
            : command.verifiedEmissions().toPlainString())
        .put("remark", blankToNull(command.remark())), steps);
    retirement.journalled(entry.getId());
    return retirementView(retirement, source, taken, entry);
  }

  /** The bureau cancels units administratively (after fraud): for good, whoever holds them. */
  @Transactional
  public RetirementView cancel(CancelCommand command) {
    journal.lockHead();
    RegistryBlock block = blocks.lockById(command.blockId())
        .orElseThrow(() -> new NotFoundException("block", command.blockId()));
    if (block.getStatus() != RegistryBlock.Status.ACTIVE) {
      throw new ConflictException("该区块不可注销 (block " + block.getId() + " is " + block.getStatus() + ")");
    }
    long quantity = command.quantity() == null ? block.getQuantity() : command.quantity();
    RegistryAccount holder = accounts.findById(block.getAccountId()).orElseThrow();
    Instant now = ledger.now();
    String reason = command.reason().strip();
    Retirement cancellation = retirements.saveAndFlush(Retirement.cancellation(holder.getId(), quantity, reason,
        ledger.actor(), now));
    RegistryAccount destination = ledger.systemAccount(RegistryAccount.Kind.CANCELLATION);
    List<RegistryBlock> taken = ledger.take(List.of(block), quantity);
    List<Movement.Step> steps = new ArrayList<>();
    for (RegistryBlock part : taken) {
      part.finish(RegistryBlock.Status.CANCELLED, destination.getId(), cancellation.getId(), now);
      steps.add(Movement.Step.of(Movement.Kind.CANCELLED, part, holder.getId(), destination.getId())
          .with(null, null, reason));
    }
    JournalEntry entry = ledger.record(JournalEntry.Operation.CANCEL, new JournalPayload()
        .put("cancellation", cancellation.getId())
        .put("quantity", quantity)
        .put("from", holder.accountNo())
        .put("reason", reason)
        .put("by", ledger.actorRole()), new JournalPayload().put("actor", ledger.actor()), steps);
    cancellation.journalled(entry.getId());
    return retirementView(cancellation, holder, taken, entry);
  }

  private static RetirementView retirementView(Retirement r, RegistryAccount source, List<RegistryBlock> taken,
      JournalEntry entry) {
    return new RetirementView(r.getId(), r.getKind(), r.getPurpose(), r.getQuantity(), source.accountNo(),
        r.getBeneficiary(), r.getCoveredEntity(), r.getComplianceYear(), r.getReason(), r.getOccurredAt(),
        BlockView.of(taken), JournalRef.of(entry));
  }

  private record Purposeful(String beneficiary) {}

  /** The fields each purpose needs; the beneficiary of an ETS offset is its covered entity. */
  private static Purposeful checkPurpose(RetireCommand command) {
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
    return new Purposeful(beneficiary);
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

  /** The account the caller retires from: a developer's own, or (exchange) the exchange's or a buyer's. */
  private RegistryAccount retiringAccount(String accountNo) {
    boolean named = accountNo != null && !accountNo.isBlank();
    if (currentUser.isMemberOf(Groups.EXCHANGE)) {
      if (!named) {
        return ledger.systemAccount(RegistryAccount.Kind.EXCHANGE);
      }
      return accounts.findById(RegistryAccount.idOf(accountNo.strip(), "accountNo"))
          .filter(a -> a.getKind() == RegistryAccount.Kind.EXCHANGE || a.getKind() == RegistryAccount.Kind.BUYER)
          .orElseThrow(() -> new NotFoundException("account", accountNo));
    }
    if (!currentUser.isMemberOf(Groups.DEVELOPER)) {
      throw new ForbiddenException("只有项目开发方和交易所可以办理消纳 (only developers and the exchange retire units)");
    }
    DeveloperOrganisation organisation = developers.currentOrganisation();
    Optional<RegistryAccount> own = accounts.findByDeveloperId(organisation.getId());
    if (named && (own.isEmpty() || !own.get().accountNo().equals(accountNo.strip()))) {
      throw new NotFoundException("account", accountNo);
    }
    return own.orElseThrow(() -> new ConflictException("账户中没有可用减排量 (no units in the account)"));
  }

  /** The locked usable blocks of an account, oldest first; or the one named block, if it is the account's. */
  private List<RegistryBlock> sources(RegistryAccount account, Long blockId) {
    if (blockId == null) {
      return blocks.lockByAccount(account.getId(), RegistryBlock.Status.ACTIVE);
    }
    RegistryBlock block = blocks.lockById(blockId).orElseThrow(() -> new NotFoundException("block", blockId));
    if (!block.getAccountId().equals(account.getId())) {
      if (leftFrom(block, account)) {
        throw new ConflictException("该区块的减排量已不可用 (block " + blockId + " is " + block.getStatus() + ")");
      }
      throw new NotFoundException("block", blockId);
    }
    if (block.getStatus() != RegistryBlock.Status.ACTIVE) {
      throw new ConflictException("该区块的减排量不可用 (block " + blockId + " is " + block.getStatus() + ")");
    }
    return List.of(block);
  }

  /** Whether the block left the account by being retired, cancelled or sent to the exchange from it. */
  private boolean leftFrom(RegistryBlock block, RegistryAccount account) {
    return switch (block.getStatus()) {
      case RETIRED, CANCELLED -> retirements.findById(block.getRetirementId())
          .map(r -> r.getAccountId().equals(account.getId())).orElse(false);
      case PENDING -> transfers.findById(block.getTransferId())
          .map(t -> t.getFromAccountId().equals(account.getId())).orElse(false);
      case ACTIVE -> false;
    };
  }

  // ---------------------------------------------------------------- revenue return

  /** A developer reports what it returned to a project's participants in a year (reports of a year add up). */
  @Transactional
  public RevenueReturnView reportRevenueReturn(RevenueReturnCommand command) {
    DeveloperOrganisation organisation = developers.currentOrganisation();
    String registrationNo = command.projectRegistrationNo().strip();
    issuances.findFirstByProjectRegistrationNoOrderByIdAsc(registrationNo)
        .filter(i -> i.getDeveloperId().equals(organisation.getId()))
        .orElseThrow(() -> new NotFoundException("project", registrationNo));
    journal.lockHead();
    BigDecimal costs = command.operatingCosts() == null ? BigDecimal.ZERO : command.operatingCosts();
    RevenueReturn report = revenueReturns.saveAndFlush(new RevenueReturn(registrationNo, organisation.getId(),
        command.periodYear(), command.returnedAmount(), costs, command.participants(), blankToNull(command.note()),
        ledger.actor(), ledger.now()));
    JournalEntry entry = ledger.record(JournalEntry.Operation.REVENUE_RETURN, new JournalPayload()
        .put("revenueReturn", report.getId())
        .put("registrationNo", registrationNo)
        .put("period", command.periodYear())
        .put("by", ledger.actorRole()), new JournalPayload()
        .put("actor", ledger.actor())
        .put("returnedAmount", command.returnedAmount().toPlainString())
        .put("operatingCosts", costs.toPlainString())
        .put("participants", command.participants())
        .put("note", report.getNote()), List.of());
    report.journalled(entry.getId());
    return new RevenueReturnView(report.getId(), registrationNo, report.getPeriodYear(), report.getReturnedAmount(),
        report.getOperatingCosts(), report.getParticipants(), JournalRef.of(entry));
  }

  /** Trims and collapses inner whitespace; blank is null. */
  static String normalise(String text) {
    if (text == null) {
      return null;
    }
    String normalised = text.strip().replaceAll("\\s+", " ");
    return normalised.isEmpty() ? null : normalised;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
