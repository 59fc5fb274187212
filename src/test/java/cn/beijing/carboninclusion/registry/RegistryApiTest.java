package cn.beijing.carboninclusion.registry;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.developer.DeveloperOrganisations;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The registry's operations over real HTTP on PostgreSQL: the split rule, transfer, receipt and trade, retirement
 * for each purpose, the ETS limit, cancellation, revenue return flags, CSV, and what each caller may not do.
 */
class RegistryApiTest extends PlatformIntegrationTest {
  @Autowired TestRestTemplate http;
  @Autowired Registry registry;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired DeveloperOrganisations organisations;
  RegistryFixture fixture;

  @BeforeEach
  void fixture() {
    fixture = new RegistryFixture(registry, transactionManager, organisations);
  }

  // ------------------------------------------------------------------ split, transfer, receipt, trade

  @Test
  void aPartialTransferSplitsTheBlockTheHolderKeepsTheHeadTheExchangeGetsTheTail() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 100);
    String c = issued.code();

    ResponseEntity<JsonNode> transfer = post("greentravel", "/api/registry/transfers",
        Map.of("quantity", 30, "blockId", issued.blockId()));
    assertThat(transfer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    JsonNode moved = transfer.getBody().get("blocks");
    assertThat(moved).hasSize(1);
    assertThat(moved.get(0).get("serialRange").asText()).isEqualTo("BJCI-" + c + "-2024-00000071-00000100");
    assertThat(moved.get(0).get("status").asText()).isEqualTo("PENDING");
    assertThat(moved.get(0).get("blockId").asLong()).isNotEqualTo(issued.blockId());
    assertThat(transfer.getBody().get("status").asText()).isEqualTo("PENDING");

    JsonNode kept = block(get("greentravel", "/api/registry/holdings"), issued.blockId());
    assertThat(kept.get("serialRange").asText()).isEqualTo("BJCI-" + c + "-2024-00000001-00000070");
    assertThat(kept.get("quantity").asLong()).isEqualTo(70);

    // the split rule again on what is left: 70 → 1..45 kept, 46..70 moved
    JsonNode second = post("greentravel", "/api/registry/transfers",
        Map.of("quantity", 25, "blockId", issued.blockId())).getBody();
    assertThat(second.get("blocks").get(0).get("serialRange").asText())
        .isEqualTo("BJCI-" + c + "-2024-00000046-00000070");
    assertThat(block(get("greentravel", "/api/registry/holdings"), issued.blockId()).get("lastSerial").asText())
        .isEqualTo("BJCI-" + c + "-2024-00000045");
  }

  @Test
  void theExchangeConfirmsReceiptAndReportsTradesToBuyersWhoRetireThroughIt() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.SUNROOF, 100);
    long transferId = post("sunroof", "/api/registry/transfers", Map.of("quantity", 60, "blockId", issued.blockId()))
        .getBody().get("id").asLong();

    // pending units can be traded by no one
    Map<String, Object> trade = new HashMap<>(Map.of("projectRegistrationNo", issued.registrationNo(),
        "quantity", 30, "pricePerTonne", "55.50", "buyerName", "北京某科技有限公司"));
    assertThat(post("chenjing", "/api/registry/trades", trade).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(get("chenjing", "/api/registry/transfers?status=PENDING").findValuesAsText("id"))
        .contains(String.valueOf(transferId));
    // only the exchange confirms, and once
    assertThat(post("sunroof", "/api/registry/transfers/" + transferId + "/confirmation", Map.of()).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<JsonNode> confirmed = post("chenjing", "/api/registry/transfers/" + transferId + "/confirmation",
        Map.of());
    assertThat(confirmed.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(confirmed.getBody().get("status").asText()).isEqualTo("CONFIRMED");
    assertThat(confirmed.getBody().get("confirmationJournal").get("hash").asText()).hasSize(64);
    assertThat(post("chenjing", "/api/registry/transfers/" + transferId + "/confirmation", Map.of())
        .getStatusCode()).isEqualTo(HttpStatus.CONFLICT);

    ResponseEntity<JsonNode> sold = post("chenjing", "/api/registry/trades", trade);
    assertThat(sold.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(sold.getBody().get("proceeds").decimalValue()).isEqualByComparingTo("1665.00");
    String buyer = sold.getBody().get("buyerAccountNo").asText();
    assertThat(buyer).matches("BJCI-A-\\d{8}");
    assertThat(sold.getBody().get("blocks").get(0).get("serialRange").asText())
        .isEqualTo("BJCI-" + issued.code() + "-2024-00000071-00000100");
    // the same buyer again, by account number, with the proceeds net of fees as the exchange reports them
    ResponseEntity<JsonNode> again = post("chenjing", "/api/registry/trades", Map.of("projectRegistrationNo",
        issued.registrationNo(), "vintageYear", 2024, "quantity", 20, "pricePerTonne", "60",
        "proceeds", "1180.00", "buyerAccountNo", buyer));
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(again.getBody().get("blocks").get(0).get("serialRange").asText())
        .isEqualTo("BJCI-" + issued.code() + "-2024-00000051-00000070");
    JsonNode buyerHoldings = get("chenjing", "/api/registry/accounts/" + buyer + "/holdings");
    assertThat(buyerHoldings.get("kind").asText()).isEqualTo("BUYER");
    assertThat(buyerHoldings.get("available").asLong()).isEqualTo(50);
    // more than the exchange holds of the project is refused
    assertThat(post("chenjing", "/api/registry/trades", Map.of("projectRegistrationNo", issued.registrationNo(),
        "quantity", 11, "pricePerTonne", "60", "buyerAccountNo", buyer)).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);

    // the exchange retires for its buyer
    ResponseEntity<JsonNode> retired = post("chenjing", "/api/registry/retirements", Map.of("purpose", "VOLUNTARY",
        "quantity", 50, "accountNo", buyer));
    assertThat(retired.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(get("chenjing", "/api/registry/accounts/" + buyer + "/holdings").get("available").asLong()).isZero();

    JsonNode history = http.getForObject("/api/public/registry/serials/BJCI-" + issued.code() + "-2024-00000080",
        JsonNode.class);
    assertThat(history.get("history").findValuesAsText("step"))
        .containsExactly("ISSUED", "TRANSFERRED", "RECEIVED", "TRADED", "RETIRED");
    // the price must not appear; a timestamp's seconds (…:55.512Z) may hold the same digits, so timestamps are cut first
    assertThat(history.toString().replaceAll("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+Z", "<time>"))
        .doesNotContain("北京某科技有限公司", "chenjing", "sunroof", "55.5", buyer);
  }

  // ------------------------------------------------------------------ retirement

  @Test
  void unitsAreRetiredForEachPurposeWithWhatThePurposeNeeds() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 10);
    String entity = "北京某热电有限公司-" + UUID.randomUUID();
    String code = EtsLists.newCode();
    EtsLists.imported(http, code + "," + entity + ",2025,100000\n");
    List<Map<String, Object>> requests = List.of(
        Map.of("purpose", "ETS_OFFSET", "coveredEntityCreditCode", code, "complianceYear", 2025),
        Map.of("purpose", "ORGANISATION_NEUTRALITY", "beneficiary", "北京某银行股份有限公司"),
        Map.of("purpose", "EVENT_NEUTRALITY", "beneficiary", "2025 北京马拉松"),
        Map.of("purpose", "VOLUNTARY", "remark", "员工低碳出行倡议"),
        Map.of("purpose", "ECOLOGICAL_COMPENSATION", "beneficiary", "(2025)京0105民初1234号"));
    for (Map<String, Object> request : requests) {
      Map<String, Object> body = new HashMap<>(request);
      body.put("quantity", 2);
      body.put("blockId", issued.blockId());
      ResponseEntity<JsonNode> response = post("greentravel", "/api/registry/retirements", body);
      assertThat(response.getStatusCode()).as(request.toString()).isEqualTo(HttpStatus.CREATED);
      assertThat(response.getBody().get("purpose").asText()).isEqualTo(request.get("purpose"));
      assertThat(response.getBody().get("blocks").get(0).get("status").asText()).isEqualTo("RETIRED");
    }
    JsonNode history = http.getForObject("/api/public/registry/serials/BJCI-" + issued.code()
        + "-2024-00000001-00000010", JsonNode.class);
    assertThat(history.get("current").findValuesAsText("status")).containsOnly("RETIRED");
    assertThat(texts(history.get("history"), "purpose")).containsExactly("ETS_OFFSET",
        "ORGANISATION_NEUTRALITY", "EVENT_NEUTRALITY", "VOLUNTARY", "ECOLOGICAL_COMPENSATION");
    assertThat(history.get("history").findValuesAsText("beneficiary")).contains(entity, "2025 北京马拉松");
    assertThat(history.get("history").findValuesAsText("beneficiaryCreditCode"))
        .filteredOn(v -> !v.equals("null")).containsExactly(code);
    // the last retirement took units 1..2 (the head was all that was left) — the tail rule at work
    assertThat(history.get("history").get(5).get("serialRange").asText())
        .isEqualTo("BJCI-" + issued.code() + "-2024-00000001-00000002");
  }

  @Test
  void aPurposeWithoutWhatItNeedsIsA400NamingTheFields() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 5);
    ResponseEntity<JsonNode> ets = post("greentravel", "/api/registry/retirements",
        Map.of("purpose", "ETS_OFFSET", "quantity", 1, "blockId", issued.blockId()));
    assertThat(ets.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(ets.getBody().get("errors").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("coveredEntityCreditCode", "complianceYear");
    ResponseEntity<JsonNode> neutrality = post("greentravel", "/api/registry/retirements",
        Map.of("purpose", "EVENT_NEUTRALITY", "quantity", 1, "blockId", issued.blockId(), "beneficiary", "  "));
    assertThat(neutrality.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(neutrality.getBody().get("errors").has("beneficiary")).isTrue();
    ResponseEntity<JsonNode> malformed = post("greentravel", "/api/registry/retirements",
        Map.of("purpose", "LANDFILL", "quantity", -3));
    assertThat(malformed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(malformed.getBody().get("errors").has("purpose")).isTrue();
    ResponseEntity<JsonNode> negative = post("greentravel", "/api/registry/retirements",
        Map.of("purpose", "VOLUNTARY", "quantity", 0, "verifiedEmissions", "-1"));
    assertThat(negative.getBody().get("errors").fieldNames()).toIterable()
        .contains("quantity", "verifiedEmissions");
    assertThat(block(get("greentravel", "/api/registry/holdings"), issued.blockId()).get("quantity").asLong())
        .isEqualTo(5);
  }

  @Test
  void overRetirementIsRefusedAndChangesNothing() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 10);
    ResponseEntity<JsonNode> fromBlock = post("greentravel", "/api/registry/retirements",
        Map.of("purpose", "VOLUNTARY", "quantity", 11, "blockId", issued.blockId()));
    assertThat(fromBlock.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    long available = get("greentravel", "/api/registry/holdings").get("available").asLong();
    ResponseEntity<JsonNode> fromAccount = post("greentravel", "/api/registry/retirements",
        Map.of("purpose", "VOLUNTARY", "quantity", available + 1));
    assertThat(fromAccount.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(get("greentravel", "/api/registry/holdings").get("available").asLong()).isEqualTo(available);

    assertThat(post("greentravel", "/api/registry/retirements",
        Map.of("purpose", "VOLUNTARY", "quantity", 10, "blockId", issued.blockId())).getStatusCode())
        .isEqualTo(HttpStatus.CREATED);
    // retired units are gone for good
    assertThat(post("greentravel", "/api/registry/retirements",
        Map.of("purpose", "VOLUNTARY", "quantity", 1, "blockId", issued.blockId())).getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
    assertThat(post("greentravel", "/api/registry/transfers",
        Map.of("quantity", 1, "blockId", issued.blockId())).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void aRetriedTransferOrRetirementWithTheSameIdempotencyKeyMovesNothingTwice() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 10);
    String key = "retry-" + UUID.randomUUID();
    ResponseEntity<JsonNode> first = post("greentravel", "/api/registry/transfers",
        Map.of("quantity", 3, "blockId", issued.blockId()), key);
    assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<JsonNode> again = post("greentravel", "/api/registry/transfers",
        Map.of("quantity", 3, "blockId", issued.blockId()), key);
    assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(again.getBody().get("detail").asText()).contains("Idempotency-Key")
        .contains("transfer " + first.getBody().get("id").asLong());
    assertThat(block(get("greentravel", "/api/registry/holdings"), issued.blockId()).get("quantity").asLong())
        .isEqualTo(7);

    // the same key is the account's own: a retirement may use it, once
    ResponseEntity<JsonNode> retired = post("greentravel", "/api/registry/retirements",
        Map.of("purpose", "VOLUNTARY", "quantity", 2, "blockId", issued.blockId()), key);
    assertThat(retired.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<JsonNode> retiredAgain = post("greentravel", "/api/registry/retirements",
        Map.of("purpose", "VOLUNTARY", "quantity", 2, "blockId", issued.blockId()), key);
    assertThat(retiredAgain.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(retiredAgain.getBody().get("detail").asText())
        .contains("retirement " + retired.getBody().get("id").asLong());
    assertThat(block(get("greentravel", "/api/registry/holdings"), issued.blockId()).get("quantity").asLong())
        .isEqualTo(5);

    ResponseEntity<JsonNode> blank = post("greentravel", "/api/registry/retirements",
        Map.of("purpose", "VOLUNTARY", "quantity", 1, "blockId", issued.blockId()), " ");
    assertThat(blank.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(blank.getBody().toString()).contains("Idempotency-Key");
    assertThat(block(get("greentravel", "/api/registry/holdings"), issued.blockId()).get("quantity").asLong())
        .isEqualTo(5);
  }

  @Test
  void etsOffsetsAreAllowedUpToExactlyTheShareOfTheListedEmissionsAndRefusedAbove() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.SUNROOF, 500);
    String entity = EtsLists.newCode();
    String other = EtsLists.newCode();
    EtsLists.imported(http, entity + ",北京某水泥有限公司,2025,2000\n" + entity + ",北京某水泥有限公司,2026,2000\n"
        + other + ",北京某钢铁有限公司,2025,1000\n");
    // 5% of 2000 tCO2e = 100 tCO2e in the compliance year
    assertThat(ets(issued, entity, 2025, 60).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    ResponseEntity<JsonNode> above = ets(issued, entity, 2025, 41);
    assertThat(above.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(above.getBody().get("detail").asText()).contains("100", entity);
    assertThat(ets(issued, entity, 2025, 40).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(ets(issued, entity, 2025, 1).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    // another year has its own
    assertThat(ets(issued, entity, 2026, 100).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    // in one go: exactly 5% passes, one more is refused
    assertThat(ets(issued, other, 2025, 51).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    assertThat(ets(issued, other, 2025, 50).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(block(get("sunroof", "/api/registry/holdings"), issued.blockId()).get("quantity").asLong())
        .isEqualTo(500 - 60 - 40 - 100 - 50);
  }

  private ResponseEntity<JsonNode> ets(RegistryFixture.Issued issued, String creditCode, int year, long quantity) {
    return post(issued.developerId() == fixture.developerId(RegistryFixture.SUNROOF) ? "sunroof" : "greentravel",
        "/api/registry/retirements", Map.of("purpose", "ETS_OFFSET", "quantity", quantity, "blockId",
            issued.blockId(), "coveredEntityCreditCode", creditCode, "complianceYear", year));
  }

  // ------------------------------------------------------------------ cancellation

  @Test
  void theBureauCancelsUnitsAdministrativelyAndOnlyOnce() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.GREENTRAVEL, 40);
    Map<String, Object> request = Map.of("blockId", issued.blockId(), "quantity", 15,
        "reason", "经核查监测数据造假，注销相应减排量");
    assertThat(post("greentravel", "/api/registry/cancellations", request).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("chenjing", "/api/registry/cancellations", request).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("zhangwei", "/api/registry/cancellations", Map.of("blockId", issued.blockId()))
        .getBody().get("errors").has("reason")).isTrue();

    ResponseEntity<JsonNode> cancelled = post("zhangwei", "/api/registry/cancellations", request);
    assertThat(cancelled.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    assertThat(cancelled.getBody().get("kind").asText()).isEqualTo("CANCELLATION");
    JsonNode part = cancelled.getBody().get("blocks").get(0);
    assertThat(part.get("serialRange").asText()).isEqualTo("BJCI-" + issued.code() + "-2024-00000026-00000040");
    assertThat(part.get("status").asText()).isEqualTo("CANCELLED");
    assertThat(post("zhangwei", "/api/registry/cancellations", Map.of("blockId", part.get("blockId").asLong(),
        "reason", "再次注销")).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    // the rest of the block: all of it, without a quantity
    ResponseEntity<JsonNode> rest = post("lina", "/api/registry/cancellations", Map.of("blockId", issued.blockId(),
        "reason", "项目已被撤销登记"));
    assertThat(rest.getBody().get("quantity").asLong()).isEqualTo(25);
    assertThat(post("greentravel", "/api/registry/retirements", Map.of("purpose", "VOLUNTARY", "quantity", 1,
        "blockId", issued.blockId())).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
    JsonNode history = http.getForObject("/api/public/registry/serials/BJCI-" + issued.code()
        + "-2024-00000030", JsonNode.class);
    assertThat(history.get("history").get(1).get("step").asText()).isEqualTo("CANCELLED");
    assertThat(history.get("history").get(1).get("reason").asText()).isEqualTo("经核查监测数据造假，注销相应减排量");
    assertThat(history.get("current").get(0).get("holder").asText()).isEqualTo("CANCELLATION");
  }

  // ------------------------------------------------------------------ who may do what

  @Test
  void someoneElsesUnitsAndAccountsAreNotFoundAndOtherRolesAreForbidden() {
    RegistryFixture.Issued greentravels = fixture.issueNew(RegistryFixture.GREENTRAVEL, 10);
    fixture.issueNew(RegistryFixture.SUNROOF, 1);
    String greentravelAccount = get("greentravel", "/api/registry/holdings").get("accountNo").asText();

    assertThat(post("sunroof", "/api/registry/retirements", Map.of("purpose", "VOLUNTARY", "quantity", 1,
        "blockId", greentravels.blockId())).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post("sunroof", "/api/registry/transfers", Map.of("quantity", 1,
        "blockId", greentravels.blockId())).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(post("sunroof", "/api/registry/retirements", Map.of("purpose", "VOLUNTARY", "quantity", 1,
        "accountNo", greentravelAccount)).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(getEntity("sunroof", "/api/registry/accounts/" + greentravelAccount + "/holdings").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(getEntity("chenjing", "/api/registry/accounts/" + greentravelAccount + "/holdings").getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(getEntity("wangfang", "/api/registry/accounts/" + greentravelAccount + "/holdings").getStatusCode())
        .isEqualTo(HttpStatus.OK);
    assertThat(post("zhangwei", "/api/registry/retirements", Map.of("purpose", "VOLUNTARY", "quantity", 1,
        "blockId", greentravels.blockId())).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("zhangwei", "/api/registry/transfers", Map.of("quantity", 1)).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(post("greentravel", "/api/registry/trades", Map.of("projectRegistrationNo",
        greentravels.registrationNo(), "quantity", 1, "pricePerTonne", "1", "buyerName", "x")).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(getEntity("greentravel", "/api/registry/revenue-returns/flags").getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(getEntity("wangfang", "/api/registry/holdings").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(http.getForEntity("/api/registry/holdings", JsonNode.class).getStatusCode())
        .isEqualTo(HttpStatus.UNAUTHORIZED);
    assertThat(block(get("greentravel", "/api/registry/holdings"), greentravels.blockId()).get("quantity")
        .asLong()).isEqualTo(10);
  }

  @Test
  void badInputIsA400NamingTheFields() {
    fixture.issueNew(RegistryFixture.GREENTRAVEL, 1);
    ResponseEntity<JsonNode> transfer = post("greentravel", "/api/registry/transfers", Map.of("quantity", -1));
    assertThat(transfer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(transfer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(transfer.getBody().get("errors").has("quantity")).isTrue();
    ResponseEntity<JsonNode> trade = post("chenjing", "/api/registry/trades", Map.of("projectRegistrationNo",
        "2025-0001", "quantity", 1, "pricePerTonne", "-5"));
    assertThat(trade.getBody().get("errors").fieldNames()).toIterable()
        .contains("projectRegistrationNo", "pricePerTonne");
    ResponseEntity<JsonNode> noBuyer = post("chenjing", "/api/registry/trades", Map.of("projectRegistrationNo",
        "BJCI-P-2099-0001", "quantity", 1, "pricePerTonne", "5"));
    assertThat(noBuyer.getBody().get("errors").fieldNames()).toIterable()
        .containsExactlyInAnyOrder("buyerAccountNo", "buyerName");
    ResponseEntity<JsonNode> revenue = post("greentravel", "/api/registry/revenue-returns",
        Map.of("projectRegistrationNo", "BJCI-P-2099-0001", "returnedAmount", "abc"));
    assertThat(revenue.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(revenue.getBody().get("errors").has("returnedAmount")).isTrue();
    ResponseEntity<JsonNode> serial = http.getForEntity("/api/public/registry/serials/BJCI-nonsense", JsonNode.class);
    assertThat(serial.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(serial.getBody().get("errors").has("serial")).isTrue();
    assertThat(http.getForEntity("/api/public/registry/serials/BJCI-1999-9999-2024-00000001", JsonNode.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(getEntity("zhangwei", "/api/registry/accounts/12345/holdings").getBody().get("errors")
        .has("accountNo")).isTrue();
    assertThat(post("greentravel", "/api/registry/transfers", Map.of("quantity", 1, "blockId", 999_999_999))
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
  }

  // ------------------------------------------------------------------ revenue return

  @Test
  void projectsReturningLessThanTheMinimumOfTheirProceedsAreFlagged() {
    RegistryFixture.Issued low = fixture.issueNew(RegistryFixture.GREENTRAVEL, 100);
    RegistryFixture.Issued enough = fixture.issueNew(RegistryFixture.GREENTRAVEL, 100);
    int year = sellAll(low, "50.00");
    sellAll(enough, "50.00");
    assertThat(post("greentravel", "/api/registry/revenue-returns", Map.of("projectRegistrationNo",
        low.registrationNo(), "periodYear", year, "returnedAmount", "4000.00", "participants", 1200))
        .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    // 4500 of (5000 - 0) in two reports: exactly 0.90
    post("greentravel", "/api/registry/revenue-returns", Map.of("projectRegistrationNo", enough.registrationNo(),
        "periodYear", year, "returnedAmount", "3000.00"));
    post("greentravel", "/api/registry/revenue-returns", Map.of("projectRegistrationNo", enough.registrationNo(),
        "periodYear", year, "returnedAmount", "1500.00"));
    // another developer cannot report for the project
    assertThat(post("sunroof", "/api/registry/revenue-returns", Map.of("projectRegistrationNo",
        low.registrationNo(), "periodYear", year, "returnedAmount", "1000.00")).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);

    JsonNode flags = get("wangfang", "/api/registry/revenue-returns/flags");
    assertThat(flags.get("minimum").decimalValue()).isEqualByComparingTo("0.90");
    assertThat(flags.get("flagged").findValuesAsText("projectRegistrationNo")).contains(low.registrationNo())
        .doesNotContain(enough.registrationNo());
    JsonNode flagged = find(flags.get("flagged"), low.registrationNo());
    assertThat(flagged.get("ratio").decimalValue()).isEqualByComparingTo("0.8");
    assertThat(flagged.get("proceeds").decimalValue()).isEqualByComparingTo("5000");
    JsonNode ratios = get("greentravel", "/api/registry/revenue-returns");
    assertThat(find(ratios, enough.registrationNo()).get("ratio").decimalValue()).isEqualByComparingTo("0.9");
    assertThat(get("sunroof", "/api/registry/revenue-returns").findValuesAsText("projectRegistrationNo"))
        .doesNotContain(low.registrationNo(), enough.registrationNo());
    assertThat(get("zhangwei", "/api/registry/revenue-returns/flags").get("flagged")
        .findValuesAsText("projectRegistrationNo")).contains(low.registrationNo());
  }

  private int sellAll(RegistryFixture.Issued issued, String price) {
    long transfer = post("greentravel", "/api/registry/transfers", Map.of("quantity", 100, "blockId",
        issued.blockId())).getBody().get("id").asLong();
    post("chenjing", "/api/registry/transfers/" + transfer + "/confirmation", Map.of());
    JsonNode trade = post("chenjing", "/api/registry/trades", Map.of("projectRegistrationNo",
        issued.registrationNo(), "quantity", 100, "pricePerTonne", price, "buyerName", "买方")).getBody();
    return java.time.LocalDate.parse(trade.get("tradeDate").asText()).getYear();
  }

  // ------------------------------------------------------------------ CSV

  @Test
  void aDeveloperExportsItsHoldingsAsCsv() {
    RegistryFixture.Issued issued = fixture.issueNew(RegistryFixture.SUNROOF, 12);
    ResponseEntity<String> csv = http.withBasicAuth("sunroof", "demo")
        .getForEntity("/api/registry/holdings.csv", String.class);
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
    assertThat(csv.getHeaders().getContentDisposition().getFilename()).startsWith("holdings-BJCI-A-");
    String[] lines = csv.getBody().split("\r\n");
    assertThat(lines[0]).isEqualTo("account_no,block_id,serial_range,project_registration_no,vintage_year,"
        + "first_serial,last_serial,quantity_tco2e,status");
    assertThat(lines).anySatisfy(line -> assertThat(line).endsWith("," + issued.blockId() + ",BJCI-" + issued.code()
        + "-2024-00000001-00000012," + issued.registrationNo() + ",2024,BJCI-" + issued.code()
        + "-2024-00000001,BJCI-" + issued.code() + "-2024-00000012,12,ACTIVE")
        .startsWith(get("sunroof", "/api/registry/holdings").get("accountNo").asText() + ","));
    assertThat(RegistryController.cell("=cmd|' /C calc'!A0")).isEqualTo("'=cmd|' /C calc'!A0");
    assertThat(RegistryController.cell("a,\"b\"")).isEqualTo("\"a,\"\"b\"\"\"");
  }

  @Test
  void theRegistryApiIsDescribedInOpenApi() {
    JsonNode paths = http.getForObject("/v3/api-docs", JsonNode.class).get("paths");
    assertThat(paths.has("/api/registry/retirements")).isTrue();
    assertThat(paths.has("/api/registry/holdings.csv")).isTrue();
    assertThat(paths.has("/api/public/registry/serials/{serial}")).isTrue();
    assertThat(paths.has("/api/public/registry/journal/verify")).isTrue();
  }

  // ------------------------------------------------------------------ helpers

  private ResponseEntity<JsonNode> post(String user, String path, Object body) {
    return http.withBasicAuth(user, "demo").postForEntity(path, body, JsonNode.class);
  }

  private ResponseEntity<JsonNode> post(String user, String path, Object body, String idempotencyKey) {
    org.springframework.http.HttpHeaders headers = new org.springframework.http.HttpHeaders();
    headers.set("Idempotency-Key", idempotencyKey);
    headers.setContentType(MediaType.APPLICATION_JSON);
    return http.withBasicAuth(user, "demo").postForEntity(path,
        new org.springframework.http.HttpEntity<>(body, headers), JsonNode.class);
  }

  private JsonNode get(String user, String path) {
    ResponseEntity<JsonNode> response = getEntity(user, path);
    assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
    return response.getBody();
  }

  private ResponseEntity<JsonNode> getEntity(String user, String path) {
    return http.withBasicAuth(user, "demo").getForEntity(path, JsonNode.class);
  }

  private static JsonNode block(JsonNode holdings, long blockId) {
    for (JsonNode block : holdings.get("blocks")) {
      if (block.get("blockId").asLong() == blockId) {
        return block;
      }
    }
    throw new AssertionError("block " + blockId + " not held: " + holdings);
  }

  /** The non-null values of a field of each element. */
  static List<String> texts(JsonNode array, String field) {
    List<String> texts = new java.util.ArrayList<>();
    array.forEach(e -> {
      if (e.hasNonNull(field)) {
        texts.add(e.get(field).asText());
      }
    });
    return texts;
  }

  private static JsonNode find(JsonNode ratios, String registrationNo) {
    for (JsonNode ratio : ratios) {
      if (ratio.get("projectRegistrationNo").asText().equals(registrationNo)) {
        return ratio;
      }
    }
    throw new AssertionError(registrationNo + " not in " + ratios);
  }
}
