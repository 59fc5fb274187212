package cn.beijing.carboninclusion.reduction.activity;

import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.identity.CaseScope;
import cn.beijing.carboninclusion.identity.ConfidentialRead;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectScope;
import cn.beijing.carboninclusion.project.Projects;
import cn.beijing.carboninclusion.reduction.ReductionApplicationScope;
import cn.beijing.carboninclusion.reduction.ReductionApplications;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The payout ledger of a reduction application (= project and monitoring period) and the participants' proofs;
 * docs/participants.md.
 */
@RestController
@Tag(name = "参与者收益发放 participant payouts")
class PayoutController {
  private final PayoutLedgers ledgers;
  private final ReductionApplications applications;
  private final Projects projects;

  PayoutController(PayoutLedgers ledgers, ReductionApplications applications, Projects projects) {
    this.ledgers = ledgers;
    this.applications = applications;
    this.projects = projects;
  }

  @Operation(summary = "上传减排量申请的发放台账（CSV，每个申请一次）",
      description = "multipart/form-data 的 file 部分：UTF-8 CSV，表头 participant_id,amount_yuan,date,channel；"
          + "operatingCosts 为本期运营成本（元）。逐行校验并与已核算的参与者核对（未核算的参与者、重复发放、非正金额、"
          + "无效日期：400，按行号列出）；返还比例 = 返还 ÷（登记簿成交收益 − 运营成本），低于 revenueReturnMin 启动整改。")
  @PreAuthorize("hasAuthority('GROUP_developer')")
  @CaseScope(kind = ReductionApplicationScope.KIND)
  @PostMapping(path = "/api/reduction-applications/{id}/payouts", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  PayoutLedgers.Ledger upload(@PathVariable Long id, @RequestPart("file") MultipartFile file,
      @RequestParam(name = "operatingCosts", required = false) BigDecimal operatingCosts) throws IOException {
    try (InputStream csv = file.getInputStream()) {
      return ledgers.uploadAsDeveloper(id, operatingCosts, csv);
    }
  }

  @Operation(summary = "减排量申请的发放台账：合计、登记簿收益、返还比例、参与者默克尔根")
  @CaseScope(kind = ReductionApplicationScope.KIND)
  @GetMapping("/api/reduction-applications/{id}/payouts")
  PayoutLedgers.Ledger ledger(@PathVariable Long id) {
    applications.findById(id).orElseThrow(() -> new NotFoundException("reduction application", id));
    return ledgers.ledgerOf(id).orElseThrow(() -> new NotFoundException("payout ledger", id));
  }

  @Operation(summary = "参与者份额的默克尔证明（叶子与审计路径，供开发者的应用交给参与者）",
      description = "period 为减排量申请编号；pseudonym 为 64 位十六进制假名 HMAC-SHA256(项目密钥, participant_id)。")
  @ConfidentialRead(object = "PARTICIPANT_SHARE", fields = "参与者假名、核算减排量、发放金额")
  @CaseScope(kind = ProjectScope.KIND)
  @GetMapping("/api/projects/{id}/periods/{period}/participants/{pseudonym}/proof")
  PayoutLedgers.Proof proof(@PathVariable Long id, @PathVariable Long period, @PathVariable String pseudonym) {
    Project project = projects.findById(id).orElseThrow(() -> new NotFoundException("project", id));
    if (!ledgers.mayReadProofs(project)) {
      throw new NotFoundException("project", id);
    }
    return ledgers.proof(id, period, pseudonym)
        .orElseThrow(() -> new NotFoundException("participant", pseudonym));
  }

  /** The public answer: the root and the number of leaves, nothing of any participant. */
  record PublicRoot(Long projectId, Long period, long leaves, String merkleRoot) {}

  @Operation(summary = "公开：项目某期参与者份额的默克尔根")
  @GetMapping("/api/public/projects/{id}/periods/{period}/merkle-root")
  PublicRoot root(@PathVariable Long id, @PathVariable Long period) {
    return ledgers.ledgerOf(period).filter(l -> l.projectId().equals(id))
        .map(l -> new PublicRoot(id, period, l.leaves(), l.merkleRoot()))
        .orElseThrow(() -> new NotFoundException("merkle root", period));
  }
}
