package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.registry.RegistryViews.HistoryStep;
import cn.beijing.carboninclusion.registry.RegistryViews.SerialHistory;
import cn.beijing.carboninclusion.registry.RegistryViews.Statistics;
import cn.beijing.carboninclusion.registry.RegistryViews.UnitState;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What the public may read of the registry: the history of serials and the totals. No participant data. */
@Service
public class RegistryQueries {
  private final Movements movements;
  private final RegistryBlocks blocks;
  private final RegistryAccounts accounts;
  private final JournalEntries journalEntries;
  private final JournalHeads heads;
  @PersistenceContext
  private EntityManager entityManager;

  RegistryQueries(Movements movements, RegistryBlocks blocks, RegistryAccounts accounts, JournalEntries journalEntries,
      JournalHeads heads) {
    this.movements = movements;
    this.blocks = blocks;
    this.accounts = accounts;
    this.journalEntries = journalEntries;
    this.heads = heads;
  }

  /** The history of a unit or a range of units: every step that touched any of them, and where they are now. */
  @Transactional(readOnly = true)
  public SerialHistory history(String serial) {
    Serials.UnitRange range = Serials.parse(serial.strip());
    List<Movement> steps = movements.touching(range.projectRegistrationNo(), range.vintageYear(), range.first(),
        range.last());
    if (steps.isEmpty()) {
      throw new NotFoundException("serial", serial);
    }
    List<RegistryBlock> holding = blocks.findHolding(range.projectRegistrationNo(), range.vintageYear(),
        range.first(), range.last());
    Set<Long> accountIds = new HashSet<>();
    steps.forEach(m -> {
      accountIds.add(m.getToAccountId());
      if (m.getFromAccountId() != null) {
        accountIds.add(m.getFromAccountId());
      }
    });
    holding.forEach(b -> accountIds.add(b.getAccountId()));
    Map<Long, RegistryAccount.Kind> kinds = accounts.findAllById(accountIds).stream()
        .collect(Collectors.toMap(RegistryAccount::getId, RegistryAccount::getKind));
    Map<Long, JournalEntry> entries = journalEntries.findAllById(steps.stream().map(Movement::getJournalEntryId)
        .collect(Collectors.toSet())).stream().collect(Collectors.toMap(JournalEntry::getId, Function.identity()));

    List<UnitState> current = holding.stream().map(b -> {
      long first = Math.max(b.getFirstUnit(), range.first());
      long last = Math.min(b.getLastUnit(), range.last());
      return new UnitState(Serials.range(b.getProjectRegistrationNo(), b.getVintageYear(), first, last),
          last - first + 1, b.getStatus(), kinds.get(b.getAccountId()));
    }).toList();
    List<HistoryStep> history = steps.stream().map(m -> new HistoryStep(m.getKind(), m.getKind().label(),
        m.getOccurredAt(), m.serialRange(), m.getQuantity(),
        m.getFromAccountId() == null ? null : kinds.get(m.getFromAccountId()), kinds.get(m.getToAccountId()),
        m.getPurpose(), m.getPurpose() == null ? null : m.getPurpose().label(), m.getBeneficiary(),
        m.getBeneficiaryCreditCode(), m.getReason(),
        m.getJournalEntryId(), entries.get(m.getJournalEntryId()).getHash())).toList();
    return new SerialHistory(serial.strip(), range.projectRegistrationNo(), range.vintageYear(),
        Serials.unit(range.projectRegistrationNo(), range.vintageYear(), range.first()),
        Serials.unit(range.projectRegistrationNo(), range.vintageYear(), range.last()), range.quantity(), current,
        history);
  }

  /** Totals in tCO2e over everything ever issued. */
  @Transactional(readOnly = true)
  public Statistics statistics() {
    Map<Movement.Kind, Long> byKind = new EnumMap<>(Movement.Kind.class);
    Map<RetirementPurpose, Long> byPurpose = new EnumMap<>(RetirementPurpose.class);
    for (RetirementPurpose purpose : RetirementPurpose.values()) {
      byPurpose.put(purpose, 0L);
    }
    for (Object[] row : movements.totals()) {
      Movement.Kind kind = (Movement.Kind) row[0];
      long sum = ((Number) row[2]).longValue();
      byKind.merge(kind, sum, Long::sum);
      if (kind == Movement.Kind.RETIRED && row[1] != null) {
        byPurpose.merge((RetirementPurpose) row[1], sum, Long::sum);
      }
    }
    long issued = byKind.getOrDefault(Movement.Kind.ISSUED, 0L);
    long retired = byKind.getOrDefault(Movement.Kind.RETIRED, 0L);
    long cancelled = byKind.getOrDefault(Movement.Kind.CANCELLED, 0L);
    JournalHead head = heads.findById(JournalHead.ID).orElseThrow();
    return new Statistics("tCO2e", issued, byKind.getOrDefault(Movement.Kind.TRANSFERRED, 0L),
        byKind.getOrDefault(Movement.Kind.RECEIVED, 0L), byKind.getOrDefault(Movement.Kind.TRADED, 0L), retired,
        byPurpose, cancelled, issued - retired - cancelled, head.getLastEntryId(), head.getLastHash());
  }

  /** Units issued and retired in one calendar month ({@code yyyy-MM}), in tCO2e. */
  public record MonthlyFlow(String month, long issued, long retired) {}

  /**
   * Units issued and retired in each of the last {@code months} calendar months up to {@code current} (months of the
   * scheme's zone), oldest first; the public chart 签发与消纳. One scan of the movements: a sum per month and kind.
   */
  @Transactional(readOnly = true)
  public List<MonthlyFlow> monthly(YearMonth current, int months, ZoneId zone) {
    List<YearMonth> span = new ArrayList<>();
    for (int i = months - 1; i >= 0; i--) {
      span.add(current.minusMonths(i));
    }
    StringBuilder jpql = new StringBuilder("select m.kind");
    for (int i = 0; i < span.size(); i++) {
      jpql.append(", sum(case when m.occurredAt >= :from").append(i).append(" and m.occurredAt < :to").append(i)
          .append(" then m.quantity else 0 end)");
    }
    jpql.append(" from Movement m where m.kind in :kinds and m.occurredAt >= :from0 and m.occurredAt < :to")
        .append(span.size() - 1).append(" group by m.kind");
    var query = entityManager.createQuery(jpql.toString(), Object[].class)
        .setParameter("kinds", List.of(Movement.Kind.ISSUED, Movement.Kind.RETIRED));
    for (int i = 0; i < span.size(); i++) {
      query.setParameter("from" + i, span.get(i).atDay(1).atStartOfDay(zone).toInstant());
      query.setParameter("to" + i, span.get(i).plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    }
    long[][] sums = new long[2][span.size()];
    for (Object[] row : query.getResultList()) {
      int kind = row[0] == Movement.Kind.ISSUED ? 0 : 1;
      for (int i = 0; i < span.size(); i++) {
        sums[kind][i] = row[i + 1] == null ? 0 : ((Number) row[i + 1]).longValue();
      }
    }
    List<MonthlyFlow> flows = new ArrayList<>();
    for (int i = 0; i < span.size(); i++) {
      flows.add(new MonthlyFlow(span.get(i).toString(), sums[0][i], sums[1][i]));
    }
    return flows;
  }
}
