package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
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
 * The mechanics every registry operation shares: the system accounts, taking units out of locked blocks (splitting
 * the last one: the holder keeps the head, the taken units are the tail), and journalling the steps.
 */
@Component
class Ledger {
  private final RegistryAccounts accounts;
  private final RegistryBlocks blocks;
  private final Movements movements;
  private final RegistryJournal journal;
  private final EntityManager entityManager;
  private final AuditTrail auditTrail;
  private final CurrentUser currentUser;
  private final Clock clock;

  Ledger(RegistryAccounts accounts, RegistryBlocks blocks, Movements movements, RegistryJournal journal,
      EntityManager entityManager, AuditTrail auditTrail, CurrentUser currentUser, Clock clock) {
    this.accounts = accounts;
    this.blocks = blocks;
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

  /** Appends the operation's journal entry (public fields, then one {@code move} per step) and the steps' history. */
  @Transactional(propagation = Propagation.MANDATORY)
  JournalEntry record(JournalEntry.Operation operation, JournalPayload publicFields, JournalPayload privateFields,
      List<Movement.Step> steps) {
    entityManager.flush();
    for (Movement.Step step : steps) {
      publicFields.put("move", step.kind() + ":" + step.blockId() + ":" + step.serialRange() + ":" + step.quantity()
          + ":" + (step.fromAccountId() == null ? "-" : RegistryAccount.number(step.fromAccountId())) + ">"
          + RegistryAccount.number(step.toAccountId()));
    }
    JournalEntry entry = journal.append(operation, publicFields, privateFields);
    for (Movement.Step step : steps) {
      movements.save(new Movement(step, entry.getId(), entry.getOccurredAt()));
    }
    return entry;
  }
}
