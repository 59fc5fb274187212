package cn.beijing.carboninclusion.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import cn.beijing.carboninclusion.support.Race;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/** Racing requests on the same units, on PostgreSQL: no unit is used twice, no balance goes negative. */
class RegistryConcurrencyTest extends PlatformIntegrationTest {
  static final int THREADS = 8;

  @Autowired TestRestTemplate http;
  @Autowired Registry registry;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired DeveloperOrganisations organisations;
  @Autowired JdbcTemplate jdbc;
  RegistryFixture fixture;

  @BeforeEach
  void fixture() {
    fixture = new RegistryFixture(registry, transactionManager, organisations);
  }

  @Test
  void twoThreadsRetiringTheWholeBlockExactlyOneSucceeds() throws Exception {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 50);
    List<HttpStatus> outcomes = Race.of(2, i -> post("greentravel", "/api/registry/retirements",
        Map.of("purpose", "VOLUNTARY", "quantity", 50, "blockId", issued.blockId())));
    assertThat(outcomes).containsExactlyInAnyOrder(HttpStatus.CREATED, HttpStatus.CONFLICT);
    assertThat(jdbc.queryForObject("""
        select count(*) from registry_movement where kind = 'RETIRED' and project_registration_no = ?""",
        Long.class, issued.registrationNo())).isOne();
    assertThat(jdbc.queryForObject("select count(distinct retirement_id) from registry_block "
        + "where project_registration_no = ?", Long.class, issued.registrationNo())).isOne();
  }

  @Test
  void concurrentTransfersFromOneBlockNeverOverdraw() throws Exception {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.SUNROOF, 100);
    List<HttpStatus> outcomes = Race.of(THREADS, i -> post("sunroof", "/api/registry/transfers",
        Map.of("quantity", 30, "blockId", issued.blockId())));
    assertThat(outcomes).filteredOn(HttpStatus.CREATED::equals).hasSize(3);
    assertThat(outcomes).filteredOn(HttpStatus.CONFLICT::equals).hasSize(THREADS - 3);

    // the blocks of the project still partition 1..100 exactly: no gap, no overlap, nothing negative
    List<long[]> ranges = jdbc.query("""
        select first_unit, last_unit, quantity from registry_block where project_registration_no = ?
        order by first_unit""", (rs, n) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)},
        issued.registrationNo());
    assertThat(ranges).hasSize(4);
    long next = 1;
    for (long[] range : ranges) {
      assertThat(range[0]).isEqualTo(next);
      assertThat(range[2]).isPositive().isEqualTo(range[1] - range[0] + 1);
      next = range[1] + 1;
    }
    assertThat(next - 1).isEqualTo(100);
    JsonNode held = http.withBasicAuth("sunroof", "demo").getForObject("/api/registry/holdings", JsonNode.class);
    for (JsonNode block : held.get("blocks")) {
      if (block.get("blockId").asLong() == issued.blockId()) {
        assertThat(block.get("quantity").asLong()).isEqualTo(10);
      }
    }
  }

  @Test
  void concurrentPartialRetirementsOfOneBlockUseEachUnitOnce() throws Exception {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 40);
    List<HttpStatus> outcomes = Race.of(THREADS, i -> post("greentravel", "/api/registry/retirements",
        Map.of("purpose", i % 2 == 0 ? "VOLUNTARY" : "ORGANISATION_NEUTRALITY", "beneficiary", "并发测试",
            "quantity", 7, "blockId", issued.blockId())));
    long succeeded = outcomes.stream().filter(HttpStatus.CREATED::equals).count();
    assertThat(succeeded).isEqualTo(5);
    Long retired = jdbc.queryForObject("""
        select coalesce(sum(quantity), 0) from registry_block where project_registration_no = ?
        and status = 'RETIRED'""", Long.class, issued.registrationNo());
    assertThat(retired).isEqualTo(35);
    Long retiredInHistory = jdbc.queryForObject("""
        select coalesce(sum(quantity), 0) from registry_movement where project_registration_no = ?
        and kind = 'RETIRED'""", Long.class, issued.registrationNo());
    assertThat(retiredInHistory).isEqualTo(35);
    // every retired range is retired once
    List<Long> firsts = jdbc.queryForList("""
        select first_unit from registry_movement where project_registration_no = ? and kind = 'RETIRED'
        order by first_unit""", Long.class, issued.registrationNo());
    assertThat(firsts).doesNotHaveDuplicates();
    assertThat(http.getForObject("/api/public/registry/journal/verify", JsonNode.class).get("ok").asBoolean())
        .isTrue();
  }

  private ResponseEntity<JsonNode> post(String user, String path, Object body) {
    return http.withBasicAuth(user, "demo").postForEntity(path, body, JsonNode.class);
  }
}
