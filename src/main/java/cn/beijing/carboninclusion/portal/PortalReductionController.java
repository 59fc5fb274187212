package cn.beijing.carboninclusion.portal;

import static cn.beijing.carboninclusion.portal.PortalView.query;
import static cn.beijing.carboninclusion.portal.PortalView.select;
import static cn.beijing.carboninclusion.portal.PortalView.text;

import cn.beijing.carboninclusion.disclosure.DisclosureFeed;
import cn.beijing.carboninclusion.disclosure.PublishedItem;
import cn.beijing.carboninclusion.portal.PortalView.Field;
import cn.beijing.carboninclusion.portal.PortalView.Filter;
import cn.beijing.carboninclusion.portal.PortalView.Option;
import cn.beijing.carboninclusion.reduction.PublicReductions;
import cn.beijing.carboninclusion.reduction.PublicReductions.PublicReduction;
import cn.beijing.carboninclusion.reduction.ParticipantFigures;
import cn.beijing.carboninclusion.reduction.ReductionLifecycle;
import cn.beijing.carboninclusion.reduction.ReductionStatus;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/** The portal's reduction applications (public once filed) and their registration, each with its page. */
@Controller
class PortalReductionController {
  static final List<Column<PublicReduction>> REDUCTION_COLUMNS = List.of(
      Column.linked("id", "申请号", PublicReduction::id, r -> "/portal/reductions/" + r.id()),
      Column.of("projectId", null, PublicReduction::projectId),
      Column.linked("projectName", "项目", PublicReduction::projectName, r -> "/portal/projects/" + r.projectId()),
      Column.of("registrationNo", "登记编号", PublicReduction::registrationNo),
      Column.of("periodStart", "监测期起", PublicReduction::periodStart),
      Column.of("periodEnd", "监测期止", PublicReduction::periodEnd),
      Column.of("status", null, PublicReduction::status),
      Column.of("statusLabel", "状态", PublicReduction::statusLabel),
      Column.of("claimedTco2e", "申报减排量 (tCO2e)", PublicReduction::claimedTco2e),
      Column.of("recomputedTco2e", "平台复算减排量 (tCO2e)", PublicReduction::recomputedTco2e),
      Column.of("approvedTco2e", "登记减排量 (tCO2e)", PublicReduction::approvedTco2e),
      Column.of("aboveRecomputation", null, PublicReduction::aboveRecomputation),
      Column.of("recomputation", "与平台复算", PublicReduction::recomputationLabel),
      Column.of("issuedQuantity", "签发量 (tCO2e)", PublicReduction::issuedQuantity),
      Column.of("firstSerial", "起始序列号", PublicReduction::firstSerial),
      Column.of("lastSerial", "终止序列号", PublicReduction::lastSerial),
      Column.of("submittedAt", "申请时间", PublicReduction::submittedAt),
      Column.of("excessReason", "高于平台复算的理由", PublicReduction::excessReason));

  private final PublicReductions reductions;
  private final DisclosureFeed feed;
  private final PortalPages pages;
  private final ParticipantFigures participants;

  PortalReductionController(PublicReductions reductions, DisclosureFeed feed, PortalPages pages,
      ParticipantFigures participants) {
    this.reductions = reductions;
    this.feed = feed;
    this.pages = pages;
    this.participants = participants;
  }

  @GetMapping("/portal/reductions")
  ModelAndView reductions(@RequestParam(required = false) ReductionStatus status,
      @RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page,
      @RequestParam(required = false) Integer size, @RequestParam(required = false) String format,
      HttpServletResponse response) throws IOException {
    Paged<PublicReduction> found = Paged.of(reductions.find(new PublicReductions.Criteria(status, q),
        Paged.Request.of(page, size).pageable()));
    Map<String, String> query = query("status", status, "q", q);
    List<Filter> filters = List.of(
        select("status", "状态", status, Arrays.stream(ReductionStatus.values()).filter(s -> s != ReductionStatus.DRAFT)
            .map(s -> new Option(s.name(), s.label(), false)).toList()),
        text("q", "项目名称或登记编号", q));
    return pages.list(format, response, "减排量申请与登记", "reductions", "/portal/reductions",
        "一类项目的减排量申请（提交时公开）和登记结果（签发的序列号可在登记簿中查询）。", query, filters,
        REDUCTION_COLUMNS, found);
  }

  @GetMapping("/portal/reductions/{id}")
  ModelAndView reduction(@PathVariable Long id, @RequestParam(required = false) String format,
      HttpServletResponse response) throws IOException {
    PublicReduction r = reductions.get(id);
    if (pages.json(format, response, r)) {
      return null;
    }
    List<Field> fields = new ArrayList<>(PortalView.fields(REDUCTION_COLUMNS, r));
    fields.set(2, new Field("项目", r.projectName(), "/portal/projects/" + r.projectId()));
    participants.figures(id).filter(f -> f.projectId().equals(r.projectId())).ifPresent(f -> {
      // aggregates only (docs/participants.md): no participant, no single payout
      fields.add(Field.of("获得核算减排量的参与者", f.participantsCredited() + " 人，合计 "
          + f.creditedTco2e().toPlainString() + " tCO2e"));
      fields.add(Field.of("已发放收益的参与者", f.participantsPaid() + " 人"));
      fields.add(Field.of("返还参与者合计 (元)", f.returnedYuan().toPlainString()));
      fields.add(Field.of("登记簿成交收益 (元)", f.proceedsYuan().toPlainString()));
      fields.add(Field.of("运营成本 (元)", f.operatingCosts().toPlainString()));
      fields.add(Field.of("返还比例", (f.ratio() == null ? "—" : f.ratio().toPlainString()) + "（最低 "
          + f.minimumRatio().toPlainString() + (f.belowMinimum() ? "，低于要求" : "") + "）"));
      fields.add(Field.of("发放金额十分位 (元，P10–P90)", f.payoutDeciles().isEmpty()
          ? "发放人数少于 " + ParticipantFigures.MIN_FOR_DECILES + "，不公开分布"
          : String.join(" / ", f.payoutDeciles().stream().map(java.math.BigDecimal::toPlainString).toList())));
      fields.add(new Field("参与者份额默克尔根（" + f.leaves() + " 个叶子）", f.merkleRoot(), "/portal/verify-share?root="
          + f.merkleRoot()));
    });
    return PortalPages.record("reductions", "减排量申请 " + r.id() + "：" + r.projectName(), fields, List.of(),
        PortalPages.feed(feed.about(ReductionLifecycle.CASE_TYPE, id).stream().map(PublishedItem::of).toList()));
  }
}
