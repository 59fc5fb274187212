package cn.beijing.carboninclusion.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** A sale on the exchange, as the exchange reports it: units moved to the buyer's account, and the proceeds. */
@Entity
@Table(name = "registry_trade")
public class Trade {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;
  @Column(name = "project_registration_no", nullable = false, updatable = false)
  private String projectRegistrationNo;
  @Column(name = "developer_id", nullable = false, updatable = false)
  private Long developerId;
  @Column(name = "vintage_year", updatable = false)
  private Integer vintageYear;
  @Column(nullable = false, updatable = false)
  private long quantity;
  @Column(name = "price_per_tonne", nullable = false, updatable = false, precision = 18, scale = 2)
  private BigDecimal pricePerTonne;
  @Column(nullable = false, updatable = false, precision = 18, scale = 2)
  private BigDecimal proceeds;
  @Column(name = "buyer_account_id", nullable = false, updatable = false)
  private Long buyerAccountId;
  @Column(name = "trade_date", nullable = false, updatable = false)
  private LocalDate tradeDate;
  @Column(name = "period_year", nullable = false, updatable = false)
  private int periodYear;
  @Column(name = "reported_by", nullable = false, updatable = false)
  private String reportedBy;
  @Column(name = "reported_at", nullable = false, updatable = false)
  private Instant reportedAt;
  @Column(name = "journal_entry_id")
  private Long journalEntryId;

  protected Trade() {}

  Trade(String projectRegistrationNo, Long developerId, Integer vintageYear, long quantity, BigDecimal pricePerTonne,
      BigDecimal proceeds, Long buyerAccountId, LocalDate tradeDate, String reportedBy, Instant reportedAt) {
    this.projectRegistrationNo = projectRegistrationNo;
    this.developerId = developerId;
    this.vintageYear = vintageYear;
    this.quantity = quantity;
    this.pricePerTonne = pricePerTonne;
    this.proceeds = proceeds;
    this.buyerAccountId = buyerAccountId;
    this.tradeDate = tradeDate;
    this.periodYear = tradeDate.getYear();
    this.reportedBy = reportedBy;
    this.reportedAt = reportedAt;
  }

  void journalled(Long entryId) { this.journalEntryId = entryId; }

  public Long getId() { return id; }
  public String getProjectRegistrationNo() { return projectRegistrationNo; }
  public Long getDeveloperId() { return developerId; }
  public Integer getVintageYear() { return vintageYear; }
  public long getQuantity() { return quantity; }
  public BigDecimal getPricePerTonne() { return pricePerTonne; }
  public BigDecimal getProceeds() { return proceeds; }
  public Long getBuyerAccountId() { return buyerAccountId; }
  public LocalDate getTradeDate() { return tradeDate; }
  public int getPeriodYear() { return periodYear; }
  public Long getJournalEntryId() { return journalEntryId; }
}
