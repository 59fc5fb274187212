package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.calendar.CalendarProperties;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.registry.RegistryCommands.TradeCommand;
import cn.beijing.carboninclusion.registry.RegistryViews.BlockView;
import cn.beijing.carboninclusion.registry.RegistryViews.JournalRef;
import cn.beijing.carboninclusion.registry.RegistryViews.TradeView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Trade reports: the exchange reports a sale, and the units move from its account to the buyer's. */
@Service
public class TradeService {
  private final Trades trades;
  private final RegistryAccounts accounts;
  private final RegistryBlocks blocks;
  private final RegistryJournal journal;
  private final Ledger ledger;
  private final CalendarProperties calendar;

  TradeService(Trades trades, RegistryAccounts accounts, RegistryBlocks blocks, RegistryJournal journal,
      Ledger ledger, CalendarProperties calendar) {
    this.trades = trades;
    this.accounts = accounts;
    this.blocks = blocks;
    this.journal = journal;
    this.ledger = ledger;
    this.calendar = calendar;
  }

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
    RegistryAccount buyer = byAccount ? existingBuyer(command.buyerAccountNo().strip())
        : accounts.saveAndFlush(RegistryAccount.ofBuyer(command.buyerName().strip(), now));
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
        .put("tradeDate", tradeDate), new JournalPayload()
        .put("pricePerTonne", command.pricePerTonne().toPlainString())
        .put("proceeds", proceeds.toPlainString())
        .put("buyerName", byName ? command.buyerName().strip() : null), steps);
    trade.journalled(entry.getId());
    return new TradeView(trade.getId(), trade.getProjectRegistrationNo(), trade.getVintageYear(), trade.getQuantity(),
        trade.getPricePerTonne(), trade.getProceeds(), buyer.accountNo(), tradeDate, BlockView.of(taken),
        JournalRef.of(entry));
  }

  /** A buyer's or a developer's account the units are sold to. */
  private RegistryAccount existingBuyer(String accountNo) {
    return accounts.findById(RegistryAccount.idOf(accountNo, "buyerAccountNo"))
        .filter(a -> a.getKind() == RegistryAccount.Kind.BUYER || a.getKind() == RegistryAccount.Kind.DEVELOPER)
        .orElseThrow(() -> new InvalidInputException("buyerAccountNo",
            "不是买方或开发方账户 (no buyer or developer account with this number)"));
  }
}
