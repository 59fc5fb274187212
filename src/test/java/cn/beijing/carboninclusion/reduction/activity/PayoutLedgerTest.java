package cn.beijing.carboninclusion.reduction.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import cn.beijing.carboninclusion.crypto.PersonalText;
import cn.beijing.carboninclusion.methodology.MethodologyExamples;
import cn.beijing.carboninclusion.methodology.ReductionFormula;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectCases;
import cn.beijing.carboninclusion.reduction.ReductionApplication;
import cn.beijing.carboninclusion.reduction.ReductionApplications;
import cn.beijing.carboninclusion.registry.RegistryViews.RevenueReturnRatio;
import cn.beijing.carboninclusion.registry.RevenueReturnMonitor;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * The payout ledger (issue 19, items 2 and 3) over HTTP on PostgreSQL: reconciliation naming the lines with nothing
 * stored; the verified ratio against the registry's proceeds, below 0.90 ordering rectification; one ledger per
 * application; the Merkle root and proofs that verify for every participant and fail for a changed amount; no raw
 * participant id in any answer.
 */
class PayoutLedgerTest extends PlatformIntegrationTest {
  private static final String ACTIVITY_HEADER = "participant_id,trip_id,mode,distance_km,timestamp\n";
  private static final String HEADER = "participant_id,amount_yuan,date,channel\n";
  private static final ReductionFormula TRAVEL =
      ReductionFormula.parse(MethodologyExamples.TRAVEL_FORMULA, MethodologyExamples.TRAVEL_PARAMETERS);
  private static final List<String> PARTICIPANTS = List.of("alice-0001", "bob-0002", "carol-0003", "dave-0004",
      "erin-0005", "frank-0006", "grace-0007");

  @Autowired TestRestTemplate http;
  @Autowired ActivityUploads uploads;
  @Autowired ReductionApplications applications;
  @Autowired JdbcTemplate jdbc;
  @Autowired PersonalText personalText;
  @Autowired RuntimeService runtimeService;
  @Autowired ApplicationContext context;
  @Autowired RevenueReturnMonitor monitor;

  ProjectCases cases;
  Project project;
  ReductionApplication application;
  List<Long> trades = new ArrayList<>();

  @BeforeEach
  void setUp() {
    cases = new ProjectCases(context);
    project = cases.aRegisteredProject();
    application = new ReductionApplication(project.getId(), LocalDate.of(2024, 1, 1), LocalDate.of(2024, 12, 31),
        BigDecimal.ZERO, Instant.now());
    application.moveTo(ActivityUploads.OPEN_FOR_UPLOAD.iterator().next());
    application = applications.save(application);
    StringBuilder csv = new StringBuilder(ACTIVITY_HEADER);
    String t = "T" + UUID.randomUUID().toString().substring(0, 13);
    for (int i = 0; i < 30; i++) {
      csv.append(PARTICIPANTS.get(i % PARTICIPANTS.size())).append(',').append(t).append('-').append(i)
          .append(",bus,").append(i + 1).append(".5,2024-05-01T08:00:00\n");
    }
    uploads.upload(application.getId(), project.getId(), TRAVEL,
        new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)));
    // the exchange reported 1,000 yuan of proceeds for the project's sales in the period
    trades.add(jdbc.queryForObject("""
        insert into registry_trade (project_registration_no, developer_id, quantity, price_per_tonne, proceeds,
          buyer_account_id, trade_date, period_year, reported_by, reported_at)
        values (?, ?, 10, 100, 1000, (select min(id) from registry_account), date '2024-06-01', 2024, 'test', now())
        returning id""", Long.class, project.getRegistrationNo(), project.getDeveloperId()));
  }

  @AfterEach
  void tearDown() {
    trades.forEach(id -> jdbc.update("delete from registry_trade where id = ?", id));
    jdbc.update("delete from registry_revenue_return where project_registration_no = ? and journal_entry_id is null",
        project.getRegistrationNo());
    runtimeService.createProcessInstanceQuery().processDefinitionKey("Rectification")
        .processInstanceBusinessKey(String.valueOf(project.getId())).list().forEach(pi ->
            runtimeService.deleteProcessInstance(pi.getId(), "test finished", true, true));
    cases.cleanUp();
  }

  @Test
  void aLedgerPayingAnUncreditedParticipantOrOneTwiceIsRefusedNamingTheLinesAndNothingIsStored() {
    String csv = HEADER
        + "alice-0001,100.00,2024-07-01,wechat\n"     // 2 good
        + "mallory-9999,50,2024-07-01,wechat\n"       // 3 not credited
        + "alice-0001,10,2024-07-02,alipay\n"         // 4 paid twice
        + "bob-0002,-5,2024-07-01,bank\n"             // 5 negative
        + "carol-0003,5,2024-13-01,bank\n"            // 6 bad date
        + "dave-0004,5.001,2024-07-01,bank\n";        // 7 three decimals

    ResponseEntity<JsonNode> response = post("greentravel", csv, "100");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    List<JsonNode> errors = new ArrayList<>();
    response.getBody().get("rowErrors").forEach(errors::add);
    assertThat(errors).extracting(e -> e.get("line").asLong(), e -> e.get("field").asText()).containsExactly(
        tuple(3L, "participant_id"), tuple(4L, "participant_id"), tuple(5L, "amount_yuan"), tuple(6L, "date"),
        tuple(7L, "amount_yuan"));
    assertThat(response.getBody().get("errors").get("line 4: participant_id").asText()).contains("line 2");
    assertThat(response.getBody().toString()).doesNotContain("mallory-9999");
    assertThat(jdbc.queryForObject("select count(*) from payout where application_id = ?", Long.class,
        application.getId())).isZero();
    assertThat(jdbc.queryForObject("select count(*) from payout_ledger where application_id = ?", Long.class,
        application.getId())).isZero();
  }

  @Test
  void aRatioBelowTheMinimumOrdersRectificationWithTheFigures() {
    // the developer reported 950 returned of its own accord
    jdbc.update("""
        insert into registry_revenue_return (project_registration_no, developer_id, period_year, returned_amount,
          operating_costs, reported_by, reported_at) values (?, ?, 2024, 950, 0, 'greentravel', now())""",
        project.getRegistrationNo(), project.getDeveloperId());
    // 500 ÷ (1000 − 100) = 0.5555
    ResponseEntity<JsonNode> response = post("greentravel", HEADER + "alice-0001,300,2024-07-01,wechat\n"
        + "bob-0002,200.00,2024-07-02,alipay\n", "100");

    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode ledger = response.getBody();
    assertThat(ledger.get("returnedYuan").decimalValue()).isEqualByComparingTo("500");
    assertThat(ledger.get("proceedsYuan").decimalValue()).isEqualByComparingTo("1000");
    assertThat(ledger.get("ratio").decimalValue()).isEqualByComparingTo("0.5555");
    assertThat(ledger.get("belowMinimum").asBoolean()).isTrue();
    var rectification = runtimeService.createProcessInstanceQuery().processDefinitionKey("Rectification")
        .processInstanceBusinessKey(String.valueOf(project.getId())).singleResult();
    assertThat(rectification).isNotNull();
    assertThat((String) runtimeService.getVariable(rectification.getId(), "finding"))
        .contains("500.00").contains("1000").contains("0.5555");

    // the verified figure replaces the self-reported one of the project-year in the monitor; the latter stays
    RevenueReturnRatio rated = monitor.flags().flagged().stream()
        .filter(r -> r.projectRegistrationNo().equals(project.getRegistrationNo()) && r.periodYear() == 2024)
        .findFirst().orElseThrow();
    assertThat(rated.returnedAmount()).isEqualByComparingTo("500");
    assertThat(rated.operatingCosts()).isEqualByComparingTo("100");
    assertThat(jdbc.queryForList("select source from registry_revenue_return where project_registration_no = ?",
        String.class, project.getRegistrationNo())).containsExactlyInAnyOrder("SELF_REPORTED", "VERIFIED");

    // the shares under a ledger are fixed: the activity data can no longer be replaced
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> uploads.upload(application.getId(), project.getId(),
        TRAVEL, new ByteArrayInputStream((ACTIVITY_HEADER + "alice-0001,T" + UUID.randomUUID().toString()
            .substring(0, 13) + ",bus,1,2024-05-01T08:00:00\n").getBytes(StandardCharsets.UTF_8))))
        .isInstanceOf(cn.beijing.carboninclusion.common.ConflictException.class).hasMessageContaining("payout ledger");

    // one ledger per application
    assertThat(post("greentravel", HEADER + "carol-0003,800,2024-07-01,wechat\n", "0").getStatusCode())
        .isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void everyParticipantsProofVerifiesAgainstThePublishedRootAndAChangedAmountDoesNot() throws Exception {
    // 850 ÷ 900 = 0.9444: no rectification
    StringBuilder csv = new StringBuilder(HEADER);
    for (int i = 0; i < 5; i++) {
      csv.append(PARTICIPANTS.get(i)).append(',').append(170).append(",2024-07-0").append(i + 1).append(",wechat\n");
    }
    ResponseEntity<JsonNode> response = post("greentravel", csv.toString(), "100.00");
    assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(response.getBody().get("belowMinimum").asBoolean()).isFalse();
    assertThat(response.getBody().get("leaves").asLong()).isEqualTo(7);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("Rectification")
        .processInstanceBusinessKey(String.valueOf(project.getId())).count()).isZero();

    JsonNode published = http.getForObject("/api/public/projects/" + project.getId() + "/periods/"
        + application.getId() + "/merkle-root", JsonNode.class);
    String root = published.get("merkleRoot").asText();
    assertThat(root).isEqualTo(response.getBody().get("merkleRoot").asText());
    Pseudonyms.Of pseudonyms = new Pseudonyms.Of(Base64.getDecoder().decode(personalText.convertToEntityAttribute(
        jdbc.queryForObject("select secret from participant_secret where project_id = ?", String.class,
            project.getId()))));
    for (String participant : PARTICIPANTS) {
      ResponseEntity<JsonNode> proof = http.withBasicAuth("greentravel", "demo").getForEntity(proofUrl(
          pseudonyms.of(participant)), JsonNode.class);
      assertThat(proof.getStatusCode()).isEqualTo(HttpStatus.OK);
      JsonNode p = proof.getBody();
      assertThat(p.toString()).doesNotContain(participant);
      if (participant.equals(PARTICIPANTS.get(6))) {  // for the script of docs/participants.md
        java.nio.file.Files.writeString(java.nio.file.Path.of("target", "participant-proof.json"), p.toString());
      }
      List<byte[]> path = new ArrayList<>();
      p.get("path").forEach(h -> path.add(HexFormat.of().parseHex(h.asText())));
      byte[] leaf = MerkleTree.leafHash(p.get("pseudonym").asText(), p.get("creditedTco2e").decimalValue(),
          p.get("paidYuan").decimalValue());
      assertThat(MerkleTree.verify(leaf, p.get("index").asLong(), p.get("treeSize").asLong(), path,
          HexFormat.of().parseHex(root))).as(participant).isTrue();
      byte[] changed = MerkleTree.leafHash(p.get("pseudonym").asText(), p.get("creditedTco2e").decimalValue(),
          p.get("paidYuan").decimalValue().add(new BigDecimal("0.01")));
      assertThat(MerkleTree.verify(changed, p.get("index").asLong(), p.get("treeSize").asLong(), path,
          HexFormat.of().parseHex(root))).isFalse();
    }
    // the root is in the registry journal, and the chain still verifies
    assertThat(jdbc.queryForObject("""
        select j.payload from registry_journal j join payout_ledger l on l.journal_entry_id = j.id
        where l.application_id = ? and j.operation = 'PARTICIPANT_ROOT'""", String.class, application.getId()))
        .contains(root);
    // the portal: anyone verifies a proof from the submitted fields; the reduction page shows aggregates only
    JsonNode last = http.withBasicAuth("greentravel", "demo").getForObject(proofUrl(pseudonyms.of("grace-0007")),
        JsonNode.class);
    String form = "/portal/verify-share?root=" + root + "&pseudonym=" + last.get("pseudonym").asText()
        + "&creditedTco2e=" + last.get("creditedTco2e").decimalValue().toPlainString() + "&index="
        + last.get("index").asLong() + "&treeSize=" + last.get("treeSize").asLong() + "&path="
        + String.join(",", pathOf(last));
    assertThat(http.getForObject(form + "&paidYuan=" + last.get("paidYuan").decimalValue().toPlainString(),
        String.class)).contains("核验通过").doesNotContain("核验未通过");
    assertThat(http.getForObject(form + "&paidYuan=170.01", String.class)).contains("核验未通过");
    assertThat(http.getForObject(form.replace("treeSize=", "treeSize=x") + "&paidYuan=1", String.class))
        .contains("malformed field: treeSize");
    application.moveTo(cn.beijing.carboninclusion.reduction.ReductionStatus.SUBMITTED);
    applications.save(application);
    String page = http.getForObject("/portal/reductions/" + application.getId(), String.class);
    assertThat(page).contains(root).contains("7 人").contains("850.00").contains("0.9444")
        .contains("发放人数少于 10");
    PARTICIPANTS.forEach(participant -> assertThat(page).doesNotContain(participant));
    assertThat(published.toString()).doesNotContain("alice");
    // another developer learns nothing; anonymous callers are refused
    assertThat(http.withBasicAuth("sunroof", "demo").getForEntity(proofUrl(pseudonyms.of("alice-0001")),
        JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(http.getForEntity(proofUrl(pseudonyms.of("alice-0001")), JsonNode.class).getStatusCode())
        .isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
  }

  @Test
  void proofsOfALedgerOfSeveralChunksVerifyAtEveryChunkBoundary() {
    // 2,500 participants: two full chunks of 1,024 leaves and a partial one of 452
    ReductionApplication big = new ReductionApplication(project.getId(), LocalDate.of(2023, 1, 1),
        LocalDate.of(2023, 12, 31), BigDecimal.ZERO, Instant.now());
    big.moveTo(ActivityUploads.OPEN_FOR_UPLOAD.iterator().next());
    big = applications.save(big);
    int n = 2500;
    StringBuilder trips = new StringBuilder(ACTIVITY_HEADER);
    StringBuilder payouts = new StringBuilder(HEADER);
    String t = "T" + UUID.randomUUID().toString().substring(0, 13);
    for (int i = 0; i < n; i++) {
      trips.append("p-").append(i).append(',').append(t).append('-').append(i).append(",bus,1.5,2023-05-01T08:00:00\n");
      payouts.append("p-").append(i).append(",1.").append(String.format("%02d", i % 100)).append(",2023-07-01,wechat\n");
    }
    uploads.upload(big.getId(), project.getId(), TRAVEL,
        new ByteArrayInputStream(trips.toString().getBytes(StandardCharsets.UTF_8)));
    ResponseEntity<JsonNode> recorded = post("greentravel", big.getId(), payouts.toString(), "0");
    assertThat(recorded.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(recorded.getBody().get("leaves").asLong()).isEqualTo(n);
    String root = recorded.getBody().get("merkleRoot").asText();
    assertThat(jdbc.queryForList("select leaves from participant_chunk where application_id = ? order by chunk_no",
        Integer.class, big.getId())).containsExactly(1024, 1024, 452);

    Pseudonyms.Of pseudonyms = new Pseudonyms.Of(Base64.getDecoder().decode(personalText.convertToEntityAttribute(
        jdbc.queryForObject("select secret from participant_secret where project_id = ?", String.class,
            project.getId()))));
    List<String> sorted = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      sorted.add(pseudonyms.of("p-" + i));
    }
    sorted.sort(null);
    for (int index : new int[] {0, 1, 1022, 1023, 1024, 1025, 2047, 2048, 2049, 2498, 2499}) {
      JsonNode p = http.withBasicAuth("greentravel", "demo").getForObject("/api/projects/" + project.getId()
          + "/periods/" + big.getId() + "/participants/" + sorted.get(index) + "/proof", JsonNode.class);
      assertThat(p.get("index").asLong()).as("index of leaf %d", index).isEqualTo(index);
      List<byte[]> path = new ArrayList<>();
      p.get("path").forEach(h -> path.add(HexFormat.of().parseHex(h.asText())));
      byte[] leaf = MerkleTree.leafHash(p.get("pseudonym").asText(), p.get("creditedTco2e").decimalValue(),
          p.get("paidYuan").decimalValue());
      assertThat(MerkleTree.verify(leaf, index, n, path, HexFormat.of().parseHex(root))).as("leaf %d", index).isTrue();
      byte[] changed = MerkleTree.leafHash(p.get("pseudonym").asText(), p.get("creditedTco2e").decimalValue(),
          p.get("paidYuan").decimalValue().add(new BigDecimal("0.01")));
      assertThat(MerkleTree.verify(changed, index, n, path, HexFormat.of().parseHex(root))).isFalse();
    }
    // the path beyond the leaf's own chunk is made of the stored chunk hashes: a damaged one shows in the proof
    jdbc.update("update participant_chunk set hash = ? where application_id = ? and chunk_no = 2", "0".repeat(64),
        big.getId());
    JsonNode first = http.withBasicAuth("greentravel", "demo").getForObject("/api/projects/" + project.getId()
        + "/periods/" + big.getId() + "/participants/" + sorted.get(0) + "/proof", JsonNode.class);
    List<byte[]> damaged = new ArrayList<>();
    first.get("path").forEach(h -> damaged.add(HexFormat.of().parseHex(h.asText())));
    assertThat(MerkleTree.verify(MerkleTree.leafHash(first.get("pseudonym").asText(),
        first.get("creditedTco2e").decimalValue(), first.get("paidYuan").decimalValue()), 0, n, damaged,
        HexFormat.of().parseHex(root))).isFalse();
  }

  private static List<String> pathOf(JsonNode proof) {
    List<String> path = new ArrayList<>();
    proof.get("path").forEach(h -> path.add(h.asText()));
    return path;
  }

  private String proofUrl(String pseudonym) {
    return "/api/projects/" + project.getId() + "/periods/" + application.getId() + "/participants/" + pseudonym
        + "/proof";
  }

  private ResponseEntity<JsonNode> post(String user, String csv, String operatingCosts) {
    return post(user, application.getId(), csv, operatingCosts);
  }

  private ResponseEntity<JsonNode> post(String user, Long applicationId, String csv, String operatingCosts) {
    MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
    HttpHeaders partHeaders = new HttpHeaders();
    partHeaders.setContentType(MediaType.parseMediaType("text/csv"));
    body.add("file", new HttpEntity<>(new ByteArrayResource(csv.getBytes(StandardCharsets.UTF_8)) {
      @Override
      public String getFilename() {
        return "payouts.csv";
      }
    }, partHeaders));
    body.add("operatingCosts", operatingCosts);
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.MULTIPART_FORM_DATA);
    return http.withBasicAuth(user, "demo").postForEntity("/api/reduction-applications/" + applicationId
        + "/payouts", new HttpEntity<>(body, headers), JsonNode.class);
  }
}
