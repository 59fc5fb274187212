package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.common.AuditTrail;
import cn.beijing.carboninclusion.common.ConflictException;
import cn.beijing.carboninclusion.common.InvalidInputException;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.developer.UnifiedSocialCreditCode;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 服务机构: the audit agencies and verifiers developers engage. An agency is recorded once per unified social credit
 * code, by the authorities or on its first engagement; a barred agency cannot be engaged.
 */
@Service
public class ServiceAgencies {
  public static final String CASE_TYPE = "AGENCY";

  private final ServiceAgencyRecords records;
  private final Bars bars;
  private final AuditTrail auditTrail;
  private final Clock clock;

  public ServiceAgencies(ServiceAgencyRecords records, Bars bars, AuditTrail auditTrail, Clock clock) {
    this.records = records;
    this.bars = bars;
    this.auditTrail = auditTrail;
    this.clock = clock;
  }

  /** Records an agency (the authorities' act); 409 when its credit code is already recorded. */
  @Transactional
  public ServiceAgency record(String creditCode, String name, AgencyKind kind) {
    String code = normalised(creditCode);
    if (records.findByCreditCode(code).isPresent()) {
      throw new ConflictException("该统一社会信用代码已登记 (credit code already recorded): " + code);
    }
    return register(code, name.strip(), kind);
  }

  /**
   * The agency a developer engages (an audit report, a verification): validates the code and name (400 naming
   * {@code agencyCreditCode}, {@code agencyName}, {@code agencyKind}), records an unknown agency (created by the
   * current user, or {@value AuditTrail#SYSTEM}), returns a known one as recorded, and refuses (409) an agency under
   * a bar in force. Joins the caller's transaction, e.g. a Camunda delegate's.
   */
  @Transactional
  public ServiceAgency engage(String creditCode, String name, AgencyKind kind) {
    String code = creditCode == null ? null : normalised(creditCode);
    Map<String, String> errors = new LinkedHashMap<>();
    if (code == null || !UnifiedSocialCreditCode.Validator.isValid(code)) {
      errors.put("agencyCreditCode", "不是有效的统一社会信用代码 (invalid unified social credit code)");
    }
    if (name == null || name.isBlank()) {
      errors.put("agencyName", "须填写服务机构名称 (agency name required)");
    } else if (name.strip().length() > 200) {
      errors.put("agencyName", "不得超过 200 个字符 (at most 200 characters)");
    }
    if (kind == null) {
      errors.put("agencyKind", "须注明服务机构类别 (agency kind required)");
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    ServiceAgency agency = records.findByCreditCode(code).orElseGet(() -> register(code, name.strip(), kind));
    if (bars.agencyBarred(agency.getId())) {
      throw new ConflictException("该服务机构已被禁入 (agency barred): " + agency.getName());
    }
    return agency;
  }

  /** Whether the agency is under a bar in force today. */
  @Transactional(readOnly = true)
  public boolean isBarred(Long agencyId) {
    return bars.agencyBarred(agencyId);
  }

  /** Whether the agency with this credit code is recorded and under a bar in force today. */
  @Transactional(readOnly = true)
  public boolean isBarred(String creditCode) {
    return creditCode != null && records.findByCreditCode(normalised(creditCode))
        .map(a -> bars.agencyBarred(a.getId())).orElse(false);
  }

  @Transactional(readOnly = true)
  public Optional<ServiceAgency> byCreditCode(String creditCode) {
    return records.findByCreditCode(normalised(creditCode));
  }

  @Transactional(readOnly = true)
  public ServiceAgency get(Long id) {
    return records.findById(id).orElseThrow(() -> new NotFoundException("agency", id));
  }

  /** One page of every agency in the order they were recorded, with the number of all of them. */
  @Transactional(readOnly = true)
  public org.springframework.data.domain.Page<ServiceAgency> all(org.springframework.data.domain.Pageable page) {
    return records.findPageByOrderByIdAsc(page);
  }

  /** The same, of one kind ({@code null}: every kind). */
  @Transactional(readOnly = true)
  public org.springframework.data.domain.Page<ServiceAgency> all(AgencyKind kind,
      org.springframework.data.domain.Pageable page) {
    return kind == null ? records.findPageByOrderByIdAsc(page) : records.findPageByKindOrderByIdAsc(kind, page);
  }

  /** One page of the agencies in the order they were recorded, or the one with this credit code. */
  public org.springframework.data.domain.Page<ServiceAgency> page(String creditCode,
      org.springframework.data.domain.Pageable page) {
    if (creditCode != null) {
      return new org.springframework.data.domain.PageImpl<>(records.findByCreditCode(creditCode.strip()).map(List::of)
          .orElse(List.of()));
    }
    return new org.springframework.data.domain.PageImpl<>(records.findAllByOrderByIdAsc(page), page, records.count());
  }

  private ServiceAgency register(String code, String name, AgencyKind kind) {
    ServiceAgency agency = records.saveAndFlush(new ServiceAgency(code, name, kind, auditTrail.currentActor(),
        Instant.now(clock)));
    auditTrail.record(CASE_TYPE, agency.getId(), "RECORDED", null, null,
        kind.label() + " " + name + "（" + code + "）");
    return agency;
  }

  private static String normalised(String creditCode) {
    return creditCode.strip().toUpperCase(Locale.ROOT);
  }
}
