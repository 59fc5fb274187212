package cn.beijing.carboninclusion.registry;

import static cn.beijing.carboninclusion.registry.RegistryCommands.blankToNull;

import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.registry.RegistryCommands.RevenueReturnCommand;
import cn.beijing.carboninclusion.registry.RegistryViews.JournalRef;
import cn.beijing.carboninclusion.registry.RegistryViews.RevenueReturnView;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * 收益返还 reports: what a developer returned to a project's participants in a year. {@link RevenueReturnMonitor}
 * compares them with the proceeds.
 */
@Service
public class RevenueReturnService {
  private final RevenueReturns revenueReturns;
  private final Issuances issuances;
  private final RegistryJournal journal;
  private final ActingAccounts acting;
  private final Ledger ledger;

  RevenueReturnService(RevenueReturns revenueReturns, Issuances issuances, RegistryJournal journal,
      ActingAccounts acting, Ledger ledger) {
    this.revenueReturns = revenueReturns;
    this.issuances = issuances;
    this.journal = journal;
    this.acting = acting;
    this.ledger = ledger;
  }

  /** A developer reports what it returned to a project's participants in a year (reports of a year add up). */
  @Transactional
  public RevenueReturnView reportRevenueReturn(RevenueReturnCommand command) {
    DeveloperOrganisation organisation = acting.developer();
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
        .put("period", command.periodYear()), new JournalPayload()
        .put("returnedAmount", command.returnedAmount().toPlainString())
        .put("operatingCosts", costs.toPlainString())
        .put("participants", command.participants())
        .put("note", report.getNote()), List.of());
    report.journalled(entry.getId());
    return new RevenueReturnView(report.getId(), registrationNo, report.getPeriodYear(), report.getReturnedAmount(),
        report.getOperatingCosts(), report.getParticipants(), JournalRef.of(entry));
  }

  /**
   * Records the return verified from a reconciled payout ledger (inside the caller's transaction): it replaces the
   * developer's self-reported figures of the project-year in the monitor, which keeps them for history.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public JournalRef recordVerified(String registrationNo, Long developerId, int periodYear, BigDecimal returnedAmount,
      BigDecimal operatingCosts, int participants, Long applicationId) {
    journal.lockHead();
    RevenueReturn report = revenueReturns.saveAndFlush(RevenueReturn.verified(registrationNo, developerId, periodYear,
        returnedAmount, operatingCosts, participants, applicationId, ledger.actor(), ledger.now()));
    JournalEntry entry = ledger.record(JournalEntry.Operation.REVENUE_RETURN, new JournalPayload()
        .put("revenueReturn", report.getId())
        .put("registrationNo", registrationNo)
        .put("period", periodYear)
        .put("source", RevenueReturn.VERIFIED)
        .put("application", applicationId), new JournalPayload()
        .put("returnedAmount", returnedAmount.toPlainString())
        .put("operatingCosts", operatingCosts.toPlainString())
        .put("participants", participants)
        .put("note", report.getNote()), List.of());
    report.journalled(entry.getId());
    return JournalRef.of(entry);
  }
}
