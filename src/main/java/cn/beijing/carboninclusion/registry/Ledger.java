package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.identity.Groups;
import jakarta.persistence.EntityManager;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mechanics every registry operation shares: the system accounts, locking an account's usable blocks, taking
 * units out of locked blocks (splitting the last one: the holder keeps the head, the taken units are the tail), and
 * journalling the steps.
 */
@Component
class Ledger {
  private final RegistryAccounts accounts;
  private final RegistryBlocks blocks;
  private final Transfers transfers;
  private final Retirements retirements;
  private final Movements movements;
  private final RegistryJournal journal;
  private final EntityManager entityManager;
  private final AuditTrail auditTrail;
  private final CurrentUser currentUser;
  private final Clock clock;

  Ledger(RegistryAccounts accounts, RegistryBlocks blocks, Transfers transfers, Retirements retirements,
      Movements movements, RegistryJournal journal, EntityManager entityManager, AuditTrail auditTrail,
      CurrentUser currentUser, Clock clock) {
    this.accounts = accounts;
    this.blocks = blocks;
    this.transfers = transfers;
    this.retirements = retirements;
    this.movements = movements;
    this.journal = journal;
    this.entityManager = entityManager;
    this.auditTrail = auditTrail;
    this.currentUser = currentUser;
    this.clock = clock;
  }

  RegistryAccount systemAccount(RegistryAccount.Kind kind) {
    return accounts.findFirstByKindOrderByIdAsc(kind)
        .orElseThrow(() -> new IllegalStateException("the " + kind + " account is missing (V6__registry.sql)"));
  }

  Instant now() {
    return Instant.now(clock);
  }

  /** The user acting (or {@value AuditTrail#SYSTEM}): kept in the journal's non-public details. */
  String actor() {
    return auditTrail.currentActor();
  }

  /** The role acting, as the public journal shows it: a group, never a person. */
  String actorRole() {
    for (String group : List.of(Groups.BUREAU, Groups.TECHCENTER, Groups.EXCHANGE, Groups.DEVELOPER, Groups.ADMIN)) {
      if (currentUser.isMemberOf(group)) {
        return group;
      }
    }
    return AuditTrail.SYSTEM.equals(actor()) ? AuditTrail.SYSTEM : "user";
  }

  /**
   * The usable blocks of an account, locked, oldest first; or the one block named, if it is the account's.
   *
   * @throws NotFoundException if the named block is not the account's and never left it
   * @throws ConflictException if the named block is not usable, or left the account (retired, cancelled, or sent to
   *     the exchange from it)
   */
  List<RegistryBlock> usable(RegistryAccount account, Long blockId) {
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

  /**
   * Takes {@code quantity} units out of {@code sources} (locked, usable, oldest first): whole blocks while they fit;
   * the first block that does not fit is split and its tail taken, the holder keeping the head.
   *
   * @return the blocks now holding exactly the taken units, still with their holder and status
   * @throws ConflictException if the sources hold fewer units
   */
  @Transactional(propagation = Propagation.MANDATORY)
  List<RegistryBlock> take(List<RegistryBlock> sources, long quantity) {
    long available = sources.stream().mapToLong(RegistryBlock::getQuantity).sum();
    if (available < quantity) {
      throw new ConflictException("可用减排量不足 (only " + available + " tCO2e available, " + quantity + " requested)");
    }
    List<RegistryBlock> taken = new ArrayList<>();
    long remaining = quantity;
    for (RegistryBlock block : sources) {
      if (remaining == 0) {
        break;
      }
      if (block.getQuantity() <= remaining) {
        taken.add(block);
        remaining -= block.getQuantity();
      } else {
        RegistryBlock tail = block.splitTail(remaining, now());
        // the head gives up its last unit before the tail claims it (unique serial range bounds)
        entityManager.flush();
        taken.add(blocks.saveAndFlush(tail));
        remaining = 0;
      }
    }
    return taken;
  }

  /**
   * Appends the operation's journal entry and the steps' history. The public fields are the operation's, then
   * {@code by} (the acting role) and one {@code move} per step; the private details are {@code actor} (the acting
   * user), then the operation's.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  JournalEntry record(JournalEntry.Operation operation, JournalPayload publicFields, JournalPayload privateDetails,
      List<Movement.Step> steps) {
    entityManager.flush();
    publicFields.put("by", actorRole());
    for (Movement.Step step : steps) {
      publicFields.put("move", step.kind() + ":" + step.blockId() + ":" + step.serialRange() + ":" + step.quantity()
          + ":" + (step.fromAccountId() == null ? "-" : RegistryAccount.number(step.fromAccountId())) + ">"
          + RegistryAccount.number(step.toAccountId()));
    }
    JournalEntry entry = journal.append(operation, publicFields,
        new JournalPayload().put("actor", actor()).putAll(privateDetails));
    for (Movement.Step step : steps) {
      movements.save(new Movement(step, entry.getId(), entry.getOccurredAt()));
    }
    return entry;
  }
}
