package cn.beijing.carboninclusion.reduction;

import java.math.BigDecimal;

/**
 * Published (synchronously, inside the upload's transaction) when a reconciled payout ledger returns less than the
 * scheme rule {@code revenueReturnMin} of the net proceeds: supervision orders rectification with these figures.
 *
 * @param ratio returned ÷ (proceeds − operating costs), 4 decimals rounded down; null when the costs absorb the
 *     proceeds
 */
public record PayoutShortfall(Long projectId, Long applicationId, BigDecimal returnedYuan, BigDecimal proceedsYuan,
    BigDecimal operatingCosts, BigDecimal ratio, BigDecimal minimum) {

  /** The finding as the rectification case shows it. */
  public String finding() {
    String net = proceedsYuan.subtract(operatingCosts).toPlainString();
    return "减排量申请 " + applicationId + " 的发放台账核对：返还 " + returnedYuan.toPlainString() + " 元 ÷（登记簿成交收益 "
        + proceedsYuan.toPlainString() + " 元 − 运营成本 " + operatingCosts.toPlainString() + " 元 = " + net + " 元）= "
        + (ratio == null ? "无可返还收益" : ratio.toPlainString()) + "，低于 " + minimum.toPlainString()
        + " (payout ledger: returned ÷ net proceeds below revenueReturnMin)";
  }
}
