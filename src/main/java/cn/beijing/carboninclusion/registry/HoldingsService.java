package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.registry.RegistryViews.BlockView;
import cn.beijing.carboninclusion.registry.RegistryViews.HoldingsView;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reading holdings: the units an account holds, usable or awaiting the exchange's receipt. */
@Service
public class HoldingsService {
  private final RegistryBlocks blocks;
  private final ActingAccounts acting;
  private final Ledger ledger;

  HoldingsService(RegistryBlocks blocks, ActingAccounts acting, Ledger ledger) {
    this.blocks = blocks;
    this.acting = acting;
    this.ledger = ledger;
  }

  /** The caller's account: a developer's own, or the exchange's for its staff. */
  @Transactional(readOnly = true)
  public HoldingsView myHoldings() {
    if (acting.exchange()) {
      return holdings(ledger.systemAccount(RegistryAccount.Kind.EXCHANGE));
    }
    DeveloperOrganisation organisation = acting.developer();
    return acting.accountOf(organisation).map(this::holdings)
        .orElseGet(() -> new HoldingsView(null, RegistryAccount.Kind.DEVELOPER, organisation.getName(), 0, 0,
            List.of()));
  }

  /**
   * An account's holdings as the caller may see them: the bureau and the technical center any account, the exchange
   * its own and its buyers', a developer only its own (any other is "not found").
   */
  @Transactional(readOnly = true)
  public HoldingsView holdingsOf(String accountNo) {
    return holdings(acting.readable(accountNo));
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
}
