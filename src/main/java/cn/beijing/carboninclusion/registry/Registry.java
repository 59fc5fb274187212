package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * 签发: issues an approved reduction application's units into its developer's registry account. Called by the
 * reduction process inside the engine's transaction: if the step rolls back, so does the issuance.
 */
@Service
public class Registry {
  private final Issuances issuances;
  private final SerialCounters counters;
  private final RegistryAccounts accounts;
  private final RegistryBlocks blocks;
  private final DeveloperOrganisations organisations;
  private final RegistryJournal journal;
  private final Ledger ledger;
  private final ProjectHolders holders;

  Registry(Issuances issuances, SerialCounters counters, RegistryAccounts accounts, RegistryBlocks blocks,
      DeveloperOrganisations organisations, RegistryJournal journal, Ledger ledger, ProjectHolders holders) {
    this.issuances = issuances;
    this.counters = counters;
    this.accounts = accounts;
    this.blocks = blocks;
    this.organisations = organisations;
    this.journal = journal;
    this.ledger = ledger;
    this.holders = holders;
  }

  /** The issuance of a reduction application, if it was issued (its certificate is under this id). */
  @Transactional(readOnly = true)
  public Optional<Long> issuanceIdOf(Long applicationId) {
    return issuances.findByApplicationId(applicationId).map(Issuance::getId);
  }

  /**
   * Issues {@code request.quantity()} units numbered on from the project's vintage's last unit, as one block in the
   * developer's account (opened on its first issuance), and journals it.
   *
   * @throws InvalidInputException if a field is missing or malformed, or the developer is unknown
   * @throws ConflictException if the application was issued before, or the project's number, id and developer do
   *     not agree with earlier issuances (a different developer only if it holds or held the project by an approved
   *     transfer, see {@link ProjectHolders#heldBy})
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public IssuedBlock issue(IssueRequest request) {
    validate(request);
    journal.lockHead();
    if (issuances.existsByApplicationId(request.applicationId())) {
      throw new ConflictException("该减排量申请已签发 (application " + request.applicationId() + " already issued)");
    }
    issuances.findFirstByProjectRegistrationNoOrderByIdAsc(request.projectRegistrationNo())
        .filter(earlier -> !earlier.getProjectId().equals(request.projectId())
            || (!earlier.getDeveloperId().equals(request.developerId())
                && !holders.heldBy(request.projectId(), request.developerId())))
        .ifPresent(earlier -> {
          throw new ConflictException("登记编号已属于其他项目或开发方 (registration number "
              + request.projectRegistrationNo() + " belongs to project " + earlier.getProjectId() + ")");
        });
    issuances.findFirstByProjectIdOrderByIdAsc(request.projectId())
        .filter(earlier -> !earlier.getProjectRegistrationNo().equals(request.projectRegistrationNo()))
        .ifPresent(earlier -> {
          throw new ConflictException("项目的登记编号与此前签发不符 (project " + request.projectId() + " is "
              + earlier.getProjectRegistrationNo() + ")");
        });
    DeveloperOrganisation developer = organisations.findById(request.developerId())
        .orElseThrow(() -> new InvalidInputException("developerId", "未知的项目开发方 (unknown developer)"));
    Instant now = ledger.now();
    RegistryAccount account = accounts.findByDeveloperId(developer.getId())
        .orElseGet(() -> accounts.saveAndFlush(RegistryAccount.ofDeveloper(developer.getId(), developer.getName(), now)));
    SerialCounter counter = counters.lock(request.projectRegistrationNo(), request.vintageYear())
        .orElseGet(() -> counters.saveAndFlush(new SerialCounter(request.projectRegistrationNo(),
            request.vintageYear(), request.projectId(), request.developerId())));
    long first = counter.reserve(request.quantity());
    Issuance issuance = issuances.saveAndFlush(new Issuance(request, account.getId(), first, now));
    RegistryBlock block = blocks.saveAndFlush(new RegistryBlock(account.getId(), issuance, now));

    JournalPayload publicFields = new JournalPayload()
        .put("issuance", issuance.getId())
        .put("application", request.applicationId())
        .put("project", request.projectId())
        .put("registrationNo", request.projectRegistrationNo())
        .put("vintage", request.vintageYear())
        .put("quantity", request.quantity())
        .put("account", account.accountNo())
        .put("decisionsSm3", request.decisionsHead());
    JournalEntry entry = ledger.record(JournalEntry.Operation.ISSUE, publicFields, new JournalPayload(),
        List.of(Movement.Step.of(Movement.Kind.ISSUED, block, null, account.getId())));
    issuance.journalled(entry.getId());
    return new IssuedBlock(block.getId(), issuance.getFirstSerial(), issuance.getLastSerial(), issuance.getQuantity(),
        entry.getHash());
  }

  private static void validate(IssueRequest request) {
    if (request == null) {
      throw new InvalidInputException("request", "必填 (required)");
    }
    Map<String, String> errors = new LinkedHashMap<>();
    if (request.applicationId() == null) {
      errors.put("applicationId", "必填 (required)");
    }
    if (request.projectId() == null) {
      errors.put("projectId", "必填 (required)");
    }
    if (request.developerId() == null) {
      errors.put("developerId", "必填 (required)");
    }
    String no = request.projectRegistrationNo();
    if (no == null || !no.matches(RegistryCommands.REGISTRATION_NO) || no.length() > 40) {
      errors.put("projectRegistrationNo", "应为 BJCI-P-{year}-{seq} (expected a registration number)");
    }
    if (request.vintageYear() < 1900 || request.vintageYear() > 9999) {
      errors.put("vintageYear", "应为四位年份 (expected a four-digit year)");
    }
    if (request.quantity() < 1) {
      errors.put("quantity", "至少 1 tCO2e (at least 1)");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
  }
}
