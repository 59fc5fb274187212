package cn.beijing.carboninclusion.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** What the registry's API returns. Public views carry account kinds, never account holders. */
public final class RegistryViews {

  public record JournalRef(Long entryId, String hash) {
    static JournalRef of(JournalEntry entry) {
      return entry == null ? null : new JournalRef(entry.getId(), entry.getHash());
    }
  }

  public record BlockView(Long blockId, String serialRange, String firstSerial, String lastSerial,
      String projectRegistrationNo, int vintageYear, long quantity, RegistryBlock.Status status) {
    static BlockView of(RegistryBlock b) {
      return new BlockView(b.getId(), b.serialRange(), b.firstSerial(), b.lastSerial(), b.getProjectRegistrationNo(),
          b.getVintageYear(), b.getQuantity(), b.getStatus());
    }

    static List<BlockView> of(List<RegistryBlock> blocks) {
      return blocks.stream().map(BlockView::of).toList();
    }
  }

  /** An account's units: {@code available} ACTIVE units it may use, {@code pending} units awaiting receipt. */
  public record HoldingsView(String accountNo, RegistryAccount.Kind kind, String name, long available, long pending,
      List<BlockView> blocks) {}

  public record TransferView(Long id, String fromAccountNo, String toAccountNo, long quantity, Transfer.Status status,
      Instant requestedAt, Instant confirmedAt, List<BlockView> blocks, JournalRef journal,
      JournalRef confirmationJournal) {
    static TransferView of(Transfer t, List<RegistryBlock> blocks, JournalEntry request, JournalEntry confirmation) {
      return new TransferView(t.getId(), RegistryAccount.number(t.getFromAccountId()),
          RegistryAccount.number(t.getToAccountId()), t.getQuantity(), t.getStatus(), t.getRequestedAt(),
          t.getConfirmedAt(), BlockView.of(blocks), JournalRef.of(request), JournalRef.of(confirmation));
    }
  }

  public record TradeView(Long id, String projectRegistrationNo, Integer vintageYear, long quantity,
      BigDecimal pricePerTonne, BigDecimal proceeds, String buyerAccountNo, LocalDate tradeDate,
      List<BlockView> blocks, JournalRef journal) {}

  /** A retirement (消纳) or an administrative cancellation, with the blocks it took. */
  public record RetirementView(Long id, Retirement.Kind kind, RetirementPurpose purpose, long quantity,
      String fromAccountNo, String beneficiary, String coveredEntity, String coveredEntityCreditCode,
      Integer complianceYear, String reason, Instant occurredAt, List<BlockView> blocks, JournalRef journal) {
    static RetirementView of(Retirement r, RegistryAccount source, List<RegistryBlock> taken, JournalEntry entry) {
      return new RetirementView(r.getId(), r.getKind(), r.getPurpose(), r.getQuantity(), source.accountNo(),
          r.getBeneficiary(), r.getCoveredEntity(), r.getCoveredEntityCreditCode(), r.getComplianceYear(),
          r.getReason(), r.getOccurredAt(),
          BlockView.of(taken), JournalRef.of(entry));
    }
  }

  public record RevenueReturnView(Long id, String projectRegistrationNo, int periodYear, BigDecimal returnedAmount,
      BigDecimal operatingCosts, Integer participants, JournalRef journal) {}

  /**
   * A project's revenue return in a period: {@code ratio = returnedAmount / (proceeds - operatingCosts)}, rounded
   * down to 4 places (null when nothing was sold for money or costs absorb the proceeds).
   */
  public record RevenueReturnRatio(String projectRegistrationNo, Long developerId, int periodYear, long quantitySold,
      BigDecimal proceeds, BigDecimal operatingCosts, BigDecimal netProceeds, BigDecimal returnedAmount,
      BigDecimal ratio, BigDecimal minimum, boolean belowMinimum, boolean provisional) {}

  public record RevenueReturnFlags(BigDecimal minimum, List<RevenueReturnRatio> flagged) {}

  /** Where units are now. */
  public record UnitState(String serialRange, long quantity, RegistryBlock.Status status,
      RegistryAccount.Kind holder) {}

  /** One step of units' history, linked to the journal entry that records it. */
  public record HistoryStep(Movement.Kind step, String label, Instant occurredAt, String serialRange, long quantity,
      RegistryAccount.Kind from, RegistryAccount.Kind to, RetirementPurpose purpose, String purposeLabel,
      String beneficiary, String beneficiaryCreditCode, String reason, Long journalEntryId, String journalHash) {}

  public record SerialHistory(String serial, String projectRegistrationNo, int vintageYear, String firstSerial,
      String lastSerial, long quantity, List<UnitState> current, List<HistoryStep> history) {}

  /** Public totals in tCO2e. {@code outstanding} = issued − retired − cancelled. */
  public record Statistics(String unit, long issued, long transferredToExchange, long receivedByExchange,
      long traded, long retired, Map<RetirementPurpose, Long> retiredByPurpose, long cancelled, long outstanding,
      long journalEntries, String journalHeadHash) {}

  /**
   * A journal entry as anyone may recompute it: {@code hash = H(previousHash + "\n" + content)}, H the entry's
   * {@code hashAlgorithm} ({@code SM3}; {@code SHA-256} before the anchor).
   */
  public record JournalEntryView(Long id, String occurredAt, JournalEntry.Operation operation, String payload,
      String content, String previousHash, String hash, String hashAlgorithm) {
    static JournalEntryView of(JournalEntry e) {
      return new JournalEntryView(e.getId(), RegistryJournal.TIMESTAMP.format(e.getOccurredAt()), e.getOperation(),
          e.getPayload(), RegistryJournal.canonicalContent(e.getId(), e.getOccurredAt(), e.getOperation().name(),
              e.getPayload()), e.getPreviousHash(), e.getHash(), e.getHashAlgorithm());
    }
  }

  private RegistryViews() {}
}
