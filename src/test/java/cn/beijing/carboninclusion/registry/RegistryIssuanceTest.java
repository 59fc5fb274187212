package cn.beijing.carboninclusion.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.PlatformTransactionManager;

/** 签发 on PostgreSQL: serial numbers, one account per developer, one issuance per application. */
class RegistryIssuanceTest extends PlatformIntegrationTest {
  @Autowired Registry registry;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired DeveloperOrganisations organisations;
  @Autowired RegistryBlocks blocks;
  @Autowired RegistryAccounts accounts;
  @Autowired JdbcTemplate jdbc;
  RegistryFixture fixture;

  @BeforeEach
  void fixture() {
    fixture = new RegistryFixture(registry, transactionManager, organisations);
  }

  @Test
  void anIssuanceIsOneBlockOfSerialsNumberedPerProjectAndVintage() {
    String no = RegistryFixture.newRegistrationNo();
    String code = no.substring("BJCI-P-".length());
    long projectId = RegistryFixture.newId();
    long developerId = fixture.developerId(RegistryFixture.GREENTRAVEL);

    IssuedBlock first = fixture.issue(no, projectId, developerId, 2024, 100).block();
    assertThat(first.firstSerial()).isEqualTo("BJCI-" + code + "-2024-00000001");
    assertThat(first.lastSerial()).isEqualTo("BJCI-" + code + "-2024-00000100");
    assertThat(first.quantity()).isEqualTo(100);
    assertThat(first.journalHash()).matches("[0-9a-f]{64}");
    RegistryBlock block = blocks.findById(first.blockId()).orElseThrow();
    assertThat(block.serialRange()).isEqualTo("BJCI-" + code + "-2024-00000001-00000100");
    assertThat(block.getStatus()).isEqualTo(RegistryBlock.Status.ACTIVE);
    RegistryAccount account = accounts.findById(block.getAccountId()).orElseThrow();
    assertThat(account.getKind()).isEqualTo(RegistryAccount.Kind.DEVELOPER);
    assertThat(account.getDeveloperId()).isEqualTo(developerId);
    assertThat(account.accountNo()).matches("BJCI-A-\\d{8}");

    // the same project and vintage numbers on; another vintage starts at 1
    IssuedBlock second = fixture.issue(no, projectId, developerId, 2024, 5).block();
    assertThat(second.firstSerial()).isEqualTo("BJCI-" + code + "-2024-00000101");
    assertThat(second.lastSerial()).isEqualTo("BJCI-" + code + "-2024-00000105");
    IssuedBlock otherVintage = fixture.issue(no, projectId, developerId, 2025, 7).block();
    assertThat(otherVintage.firstSerial()).isEqualTo("BJCI-" + code + "-2025-00000001");
    // one account per developer, opened on the first issuance
    assertThat(blocks.findById(second.blockId()).orElseThrow().getAccountId()).isEqualTo(account.getId());
    assertThat(jdbc.queryForObject("select count(*) from registry_account where developer_id = ?", Long.class,
        developerId)).isOne();
  }

  @Test
  void anApplicationIsIssuedOnce() {
    String no = RegistryFixture.newRegistrationNo();
    long projectId = RegistryFixture.newId();
    long developerId = fixture.developerId(RegistryFixture.SUNROOF);
    long applicationId = RegistryFixture.newId();
    IssueRequest request = new IssueRequest(applicationId, projectId, no, developerId, 2024, 10);
    fixture.inTransaction(() -> registry.issue(request));
    Long before = jdbc.queryForObject("select count(*) from registry_block where project_registration_no = ?",
        Long.class, no);
    assertThatThrownBy(() -> fixture.inTransaction(() -> registry.issue(request)))
        .isInstanceOf(ConflictException.class);
    assertThat(jdbc.queryForObject("select count(*) from registry_block where project_registration_no = ?",
        Long.class, no)).isEqualTo(before);
    // and the database says so too
    assertThatThrownBy(() -> jdbc.update("""
        insert into registry_issuance (application_id, project_id, project_registration_no, developer_id, account_id,
          vintage_year, first_unit, last_unit, quantity, first_serial, last_serial, issued_at)
        select application_id, project_id, project_registration_no, developer_id, account_id, vintage_year, 1000,
          1009, 10, 'x1', 'x2', issued_at from registry_issuance where application_id = ?""", applicationId))
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  @Test
  void issuanceJoinsTheCallersTransactionAndRefusesToRunWithoutOne() {
    IssueRequest request = new IssueRequest(RegistryFixture.newId(), RegistryFixture.newId(),
        RegistryFixture.newRegistrationNo(), fixture.developerId(RegistryFixture.GREENTRAVEL), 2024, 1);
    assertThatThrownBy(() -> registry.issue(request)).isInstanceOf(IllegalTransactionStateException.class);
  }

  @Test
  void malformedRequestsNameTheirFieldsAndDisagreeingProjectsAreRefused() {
    assertThatThrownBy(() -> fixture.inTransaction(() -> registry.issue(
        new IssueRequest(null, 1L, "P-2025-1", null, 24, 0))))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(((InvalidInputException) e).fieldErrors()).containsOnlyKeys("applicationId",
            "projectRegistrationNo", "developerId", "vintageYear", "quantity"));

    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 3);
    // the registration number of one project cannot reappear for another project or developer
    assertThatThrownBy(() -> fixture.issue(issued.registrationNo(), RegistryFixture.newId(),
        issued.developerId(), 2024, 1)).isInstanceOf(ConflictException.class);
    assertThatThrownBy(() -> fixture.issue(issued.registrationNo(), issued.projectId(),
        fixture.developerId(RegistryFixture.SUNROOF), 2024, 1)).isInstanceOf(ConflictException.class);
  }
}
