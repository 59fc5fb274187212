package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.ForbiddenException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.identity.CurrentUser;
import cn.beijing.carboninclusion.identity.Groups;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Who is acting on the registry and on which account: a developer on its own account, the exchange's staff on the
 * exchange's account (and its buyers'), the bureau and the technical center reading any. An account the caller may
 * not see is "not found", never "forbidden".
 */
@Component
class ActingAccounts {
  private final RegistryAccounts accounts;
  private final Ledger ledger;
  private final DeveloperService developers;
  private final CurrentUser currentUser;

  ActingAccounts(RegistryAccounts accounts, Ledger ledger, DeveloperService developers, CurrentUser currentUser) {
    this.accounts = accounts;
    this.ledger = ledger;
    this.developers = developers;
    this.currentUser = currentUser;
  }

  /** Whether the caller is of the exchange's staff. */
  boolean exchange() {
    return currentUser.isMemberOf(Groups.EXCHANGE);
  }

  /** Whether the caller is of the bureau or the technical center. */
  boolean authority() {
    return currentUser.isAuthority();
  }

  /** The caller's developer organisation (refused unless the caller is a developer's user). */
  DeveloperOrganisation developer() {
    return developers.currentOrganisation();
  }

  /** The developer's account, if it has been opened (by its first issuance). */
  Optional<RegistryAccount> accountOf(DeveloperOrganisation developer) {
    return accounts.findByDeveloperId(developer.getId());
  }

  /** The developer's account to take units from: without one, it has none. */
  RegistryAccount unitsOf(DeveloperOrganisation developer) {
    return accountOf(developer).orElseThrow(ActingAccounts::noUnits);
  }

  /**
   * The account, if the caller may read it: the bureau and the technical center any, the exchange its own and its
   * buyers', a developer only its own.
   */
  RegistryAccount readable(String accountNo) {
    RegistryAccount account = accounts.findById(RegistryAccount.idOf(accountNo, "accountNo"))
        .orElseThrow(() -> new NotFoundException("account", accountNo));
    if (authority()) {
      return account;
    }
    if (exchange()) {
      if (account.getKind() == RegistryAccount.Kind.EXCHANGE || account.getKind() == RegistryAccount.Kind.BUYER) {
        return account;
      }
      throw new NotFoundException("account", accountNo);
    }
    DeveloperOrganisation organisation = developer();
    if (!organisation.getId().equals(account.getDeveloperId())) {
      throw new NotFoundException("account", accountNo);
    }
    return account;
  }

  /**
   * The account the caller retires from: a developer's own (naming no other), or for the exchange its own (named or
   * not) or a buyer's.
   */
  RegistryAccount retiringFrom(String accountNo) {
    boolean named = accountNo != null && !accountNo.isBlank();
    if (exchange()) {
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
    Optional<RegistryAccount> own = accountOf(developer());
    if (named && (own.isEmpty() || !own.get().accountNo().equals(accountNo.strip()))) {
      throw new NotFoundException("account", accountNo);
    }
    return own.orElseThrow(ActingAccounts::noUnits);
  }

  private static ConflictException noUnits() {
    return new ConflictException("账户中没有可用减排量 (no units in the account)");
  }
}
