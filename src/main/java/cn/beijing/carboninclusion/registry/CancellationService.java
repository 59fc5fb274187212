package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.registry.RegistryCommands.CancelCommand;
import cn.beijing.carboninclusion.registry.RegistryViews.RetirementView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** 行政注销: the bureau cancels units administratively (after fraud), for good, whoever holds them. */
@Service
public class CancellationService {
  private final Retirements retirements;
  private final RegistryAccounts accounts;
  private final RegistryBlocks blocks;
  private final RegistryJournal journal;
  private final Ledger ledger;

  CancellationService(Retirements retirements, RegistryAccounts accounts, RegistryBlocks blocks,
      RegistryJournal journal, Ledger ledger) {
    this.retirements = retirements;
    this.accounts = accounts;
    this.blocks = blocks;
    this.journal = journal;
    this.ledger = ledger;
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
        .put("reason", reason), new JournalPayload(), steps);
    cancellation.journalled(entry.getId());
    return RetirementView.of(cancellation, holder, taken, entry);
  }
}
