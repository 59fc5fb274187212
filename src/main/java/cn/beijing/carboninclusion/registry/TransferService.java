package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.common.IdempotencyKeys;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.registry.RegistryCommands.TransferCommand;
import cn.beijing.carboninclusion.registry.RegistryViews.TransferView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Transfers to the exchange: a developer sends units, they stay pending in the exchange's account until the exchange
 * confirms it received them.
 */
@Service
public class TransferService {
  private final Transfers transfers;
  private final RegistryBlocks blocks;
  private final JournalEntries journalEntries;
  private final RegistryJournal journal;
  private final ActingAccounts acting;
  private final Ledger ledger;

  TransferService(Transfers transfers, RegistryBlocks blocks, JournalEntries journalEntries, RegistryJournal journal,
      ActingAccounts acting, Ledger ledger) {
    this.transfers = transfers;
    this.blocks = blocks;
    this.journalEntries = journalEntries;
    this.journal = journal;
    this.acting = acting;
    this.ledger = ledger;
  }

  /** A developer sends units to the exchange's account; they stay pending there until the exchange confirms. */
  @Transactional
  public TransferView transferToExchange(TransferCommand command) {
    return transferToExchange(command, null);
  }

  /**
   * The same with the client's Idempotency-Key ({@code null}: none): a key the sending account already used is
   * refused (409) naming that transfer; checked under the journal's lock, so two concurrent retries move nothing twice.
   */
  @Transactional
  public TransferView transferToExchange(TransferCommand command, String submissionKey) {
    DeveloperOrganisation organisation = acting.developer();
    journal.lockHead();
    RegistryAccount account = acting.unitsOf(organisation);
    if (submissionKey != null) {
      transfers.findByFromAccountIdAndSubmissionKey(account.getId(), submissionKey).ifPresent(earlier -> {
        throw IdempotencyKeys.repeated(submissionKey, "transfer", earlier.getId());
      });
    }
    List<RegistryBlock> sources = ledger.usable(account, command.blockId());
    RegistryAccount exchange = ledger.systemAccount(RegistryAccount.Kind.EXCHANGE);
    Instant now = ledger.now();
    Transfer transfer = transfers.saveAndFlush(new Transfer(account.getId(), exchange.getId(), command.quantity(),
        ledger.actor(), now).withSubmissionKey(submissionKey));
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
        .put("to", exchange.accountNo()), new JournalPayload(), steps);
    transfer.journalled(entry.getId());
    return TransferView.of(transfer, taken, entry, null);
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
        .put("quantity", transfer.getQuantity()), new JournalPayload(), steps);
    transfer.confirmationJournalled(entry.getId());
    return TransferView.of(transfer, pending, entry(transfer.getJournalEntryId()), entry);
  }

  /** Transfers the caller may see: a developer its own, the exchange and the authorities all of them. */
  @Transactional(readOnly = true)
  public List<TransferView> transfers(Transfer.Status status) {
    List<Transfer> found;
    if (acting.exchange() || acting.authority()) {
      found = status == null ? transfers.findAllByOrderByIdDesc() : transfers.findByStatusOrderByIdAsc(status);
    } else {
      found = acting.accountOf(acting.developer())
          .map(a -> transfers.findByFromAccountIdOrderByIdDesc(a.getId())).orElse(List.of()).stream()
          .filter(t -> status == null || t.getStatus() == status).toList();
    }
    return found.stream().map(t -> TransferView.of(t, blocks.findByTransferIdOrderByIdAsc(t.getId()),
        entry(t.getJournalEntryId()), entry(t.getConfirmationJournalEntryId()))).toList();
  }

  private JournalEntry entry(Long id) {
    return id == null ? null : journalEntries.findById(id).orElse(null);
  }
}
