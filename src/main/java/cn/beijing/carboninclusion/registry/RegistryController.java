package cn.beijing.carboninclusion.registry;

import cn.beijing.carboninclusion.common.IdempotencyKeys;
import cn.beijing.carboninclusion.identity.ConfidentialRead;
import cn.beijing.carboninclusion.registry.RegistryCommands.CancelCommand;
import cn.beijing.carboninclusion.registry.RegistryCommands.RetireCommand;
import cn.beijing.carboninclusion.registry.RegistryCommands.RevenueReturnCommand;
import cn.beijing.carboninclusion.registry.RegistryCommands.TradeCommand;
import cn.beijing.carboninclusion.registry.RegistryCommands.TransferCommand;
import cn.beijing.carboninclusion.registry.RegistryViews.BlockView;
import cn.beijing.carboninclusion.registry.RegistryViews.HoldingsView;
import cn.beijing.carboninclusion.registry.RegistryViews.RetirementView;
import cn.beijing.carboninclusion.registry.RegistryViews.RevenueReturnFlags;
import cn.beijing.carboninclusion.registry.RegistryViews.RevenueReturnRatio;
import cn.beijing.carboninclusion.registry.RegistryViews.RevenueReturnView;
import cn.beijing.carboninclusion.registry.RegistryViews.TradeView;
import cn.beijing.carboninclusion.registry.RegistryViews.TransferView;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The registry through the platform API (HTTP Basic). Who may do what: docs/registry.md. */
@RestController
@RequestMapping("/api/registry")
@Tag(name = "登记簿 registry")
class RegistryController {
  static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

  private final HoldingsService holdingsService;
  private final TransferService transfers;
  private final TradeService trades;
  private final RetirementService retirements;
  private final CancellationService cancellations;
  private final RevenueReturnService revenueReturnReports;
  private final RevenueReturnMonitor revenueReturns;
  private final RegistryJournal journal;

  RegistryController(HoldingsService holdingsService, TransferService transfers, TradeService trades,
      RetirementService retirements, CancellationService cancellations, RevenueReturnService revenueReturnReports,
      RevenueReturnMonitor revenueReturns, RegistryJournal journal) {
    this.holdingsService = holdingsService;
    this.transfers = transfers;
    this.trades = trades;
    this.retirements = retirements;
    this.cancellations = cancellations;
    this.revenueReturnReports = revenueReturnReports;
    this.revenueReturns = revenueReturns;
    this.journal = journal;
  }

  @Operation(summary = "本账户持有的减排量 (developer: own account; exchange: the exchange's)")
  @GetMapping("/holdings")
  HoldingsView holdings() {
    return holdingsService.myHoldings();
  }

  @Operation(summary = "导出本账户持有的减排量 (CSV)")
  @GetMapping(value = "/holdings.csv", produces = "text/csv")
  ResponseEntity<String> holdingsCsv() {
    HoldingsView holdings = holdingsService.myHoldings();
    StringBuilder csv = new StringBuilder(
        "account_no,block_id,serial_range,project_registration_no,vintage_year,first_serial,last_serial,quantity_tco2e,status\r\n");
    for (BlockView b : holdings.blocks()) {
      csv.append(String.join(",", cell(holdings.accountNo()), cell(b.blockId()), cell(b.serialRange()),
          cell(b.projectRegistrationNo()), cell(b.vintageYear()), cell(b.firstSerial()), cell(b.lastSerial()),
          cell(b.quantity()), cell(b.status()))).append("\r\n");
    }
    String filename = "holdings-" + (holdings.accountNo() == null ? "none" : holdings.accountNo()) + ".csv";
    return ResponseEntity.ok().contentType(TEXT_CSV)
        .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build().toString())
        .body(csv.toString());
  }

  /** RFC 4180: quoted when it holds a comma, quote or line break; a leading formula character is defused. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    String text = String.valueOf(value);
    if (!text.isEmpty() && "=+-@".indexOf(text.charAt(0)) >= 0 && !text.matches("-?\\d+")) {
      text = "'" + text;
    }
    if (text.contains(",") || text.contains("\"") || text.contains("\n") || text.contains("\r")) {
      return "\"" + text.replace("\"", "\"\"") + "\"";
    }
    return text;
  }

  @Operation(summary = "查看账户持有的减排量 (bureau/techcenter: any; exchange: its own and buyers'; developer: own)")
  @ConfidentialRead(object = "REGISTRY_ACCOUNT", fields = "账户持有量")
  @GetMapping("/accounts/{accountNo}/holdings")
  HoldingsView holdingsOf(@PathVariable String accountNo) {
    return holdingsService.holdingsOf(accountNo);
  }

  @Operation(summary = "划转至交易所 (developer)", description = "可带 Idempotency-Key 头：同一账户重复的键不再划转（409）。")
  @PostMapping("/transfers")
  @PreAuthorize("hasAuthority('GROUP_developer')")
  ResponseEntity<TransferView> transfer(@Valid @RequestBody TransferCommand command,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey) {
    TransferView transfer = transfers.transferToExchange(command, IdempotencyKeys.validated(idempotencyKey));
    return ResponseEntity.created(URI.create("/api/registry/transfers/" + transfer.id())).body(transfer);
  }

  @Operation(summary = "划转记录 (developer: own; exchange, bureau, techcenter: all)")
  @ConfidentialRead(object = "TRANSFER", fields = "转让数量、受让方")
  @GetMapping("/transfers")
  List<TransferView> transfers(@RequestParam(required = false) Transfer.Status status) {
    return transfers.transfers(status);
  }

  @Operation(summary = "交易所确认接收 (exchange)")
  @PostMapping("/transfers/{id}/confirmation")
  @PreAuthorize("hasAuthority('GROUP_exchange')")
  TransferView confirm(@PathVariable Long id) {
    return transfers.confirmReceipt(id);
  }

  @Operation(summary = "报告成交及成交收入 (exchange)")
  @PostMapping("/trades")
  @PreAuthorize("hasAuthority('GROUP_exchange')")
  ResponseEntity<TradeView> trade(@Valid @RequestBody TradeCommand command) {
    TradeView trade = trades.reportTrade(command);
    return ResponseEntity.created(URI.create("/api/registry/trades/" + trade.id())).body(trade);
  }

  @Operation(summary = "消纳注销 (developer: own account; exchange: its own or a buyer's)",
      description = "可带 Idempotency-Key 头：同一账户重复的键不再注销（409）。")
  @PostMapping("/retirements")
  @PreAuthorize("hasAnyAuthority('GROUP_developer', 'GROUP_exchange')")
  ResponseEntity<RetirementView> retire(@Valid @RequestBody RetireCommand command,
      @RequestHeader(name = IdempotencyKeys.HEADER, required = false) String idempotencyKey) {
    RetirementView retirement = retirements.retire(command, IdempotencyKeys.validated(idempotencyKey));
    return ResponseEntity.created(URI.create("/api/registry/retirements/" + retirement.id())).body(retirement);
  }

  @Operation(summary = "行政注销 (bureau)")
  @PostMapping("/cancellations")
  @PreAuthorize("hasAuthority('GROUP_bureau')")
  ResponseEntity<RetirementView> cancel(@Valid @RequestBody CancelCommand command) {
    RetirementView cancellation = cancellations.cancel(command);
    return ResponseEntity.created(URI.create("/api/registry/cancellations/" + cancellation.id())).body(cancellation);
  }

  @Operation(summary = "报告收益返还 (developer)")
  @PostMapping("/revenue-returns")
  @PreAuthorize("hasAuthority('GROUP_developer')")
  ResponseEntity<RevenueReturnView> reportRevenueReturn(@Valid @RequestBody RevenueReturnCommand command) {
    RevenueReturnView report = revenueReturnReports.reportRevenueReturn(command);
    return ResponseEntity.created(URI.create("/api/registry/revenue-returns/" + report.id())).body(report);
  }

  @Operation(summary = "收益返还比例 (developer: own projects; bureau, techcenter: all)")
  @ConfidentialRead(object = "REVENUE_RETURN", fields = "交易收益、返还金额")
  @GetMapping("/revenue-returns")
  List<RevenueReturnRatio> revenueReturnRatios() {
    return revenueReturns.ratios();
  }

  @Operation(summary = "收益返还比例低于下限的项目 (bureau, techcenter)")
  @ConfidentialRead(object = "REVENUE_RETURN", fields = "返还比例核查结果")
  @GetMapping("/revenue-returns/flags")
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter')")
  RevenueReturnFlags revenueReturnFlags() {
    return revenueReturns.flags();
  }

  @Operation(summary = "校验日志哈希链及非公开明细摘要 (bureau, techcenter)")
  @GetMapping("/journal/verify")
  @PreAuthorize("hasAnyAuthority('GROUP_bureau', 'GROUP_techcenter')")
  JournalVerification verifyWithPrivateDetails() {
    return journal.verify(true);
  }
}
