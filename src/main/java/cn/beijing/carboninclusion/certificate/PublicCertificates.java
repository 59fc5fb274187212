package cn.beijing.carboninclusion.certificate;

import cn.beijing.carboninclusion.calendar.CalendarProperties;
import cn.beijing.carboninclusion.certificate.CertificateFiles.Issued;
import cn.beijing.carboninclusion.common.NotFoundException;
import cn.beijing.carboninclusion.crypto.Sm3;
import cn.beijing.carboninclusion.project.Project;
import cn.beijing.carboninclusion.project.ProjectStatus;
import cn.beijing.carboninclusion.project.Projects;
import cn.beijing.carboninclusion.registry.Issuance;
import cn.beijing.carboninclusion.registry.JournalEntry;
import cn.beijing.carboninclusion.registry.RegistryBlock;
import cn.beijing.carboninclusion.registry.Retirement;
import cn.beijing.carboninclusion.registry.Serials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * 证书核验, for everyone: what the registry says <em>now</em> about a certificate the platform handed out, whether a
 * verification code is the one printed on it, and whether a file is a PDF the platform signed as that certificate
 * (docs/portal.md, "证书核验 / verifying a certificate"; the code and the file check: {@link CertificateFiles}).
 *
 * <p>Only certificates that were downloaded at least once have a public page (the others have no code, and nobody
 * holds them). The page states what the certificate states and the registry's public queries already answer
 * (quantities, serials, dates, the journal entry); never an account holder's contact or a beneficiary's name.
 */
@Service
public class PublicCertificates {
  /** The largest file checked: a certificate is some tens of kilobytes (its font is embedded as a subset). */
  public static final int MAX_FILE_BYTES = 2 * 1024 * 1024;

  /** One fact of the page: a label and its value. */
  public record Fact(String label, String value) {}

  /**
   * A certificate as the registry stands now.
   *
   * @param number the certificate number
   * @param title the kind of certificate, e.g. 减排量签发证书
   * @param status {@code ISSUED}, {@code PARTLY_RETIRED}, {@code RETIRED}, {@code PARTLY_CANCELLED},
   *     {@code CANCELLED} (an issuance), {@code RETIRED} (a retirement), {@code REGISTERED} or {@code LAPSED} (a
   *     project)
   * @param statusLabel the status in Chinese: 已签发, 部分注销, 已全部注销, 部分作废, 已作废, 已注销（消纳）, 有效, 已失效
   * @param facts what the certificate certifies and, for an issuance, the quantities retired and cancelled since
   * @param journalEntryId the registry journal entry that recorded what it certifies (none for a project)
   * @param journalHashAlgorithm SM3 or SHA-256
   * @param journalHash the entry's hash
   */
  public record PublicCertificate(String number, String title, String status, String statusLabel, List<Fact> facts,
      Long journalEntryId, String journalHashAlgorithm, String journalHash) {}

  /** The answer of a file check: whether the platform signed exactly these bytes as the certificate. */
  public record FileCheck(boolean signed, String sm3, long bytes) {}

  private final CertificateFiles files;
  private final RegistryRecords registry;
  private final Projects projects;
  private final CalendarProperties calendar;

  PublicCertificates(CertificateFiles files, RegistryRecords registry, Projects projects, CalendarProperties calendar) {
    this.files = files;
    this.registry = registry;
    this.projects = projects;
    this.calendar = calendar;
  }

  /** The certificate's public page, or 404 when the platform never handed out a certificate of that number. */
  @Transactional(readOnly = true)
  public PublicCertificate get(String number) {
    Issued issued = issued(number);
    return switch (issued.kind()) {
      case ISSUANCE -> issuance(issued);
      case RETIREMENT -> retirement(issued);
      case PROJECT -> project(issued);
    };
  }

  /**
   * Whether {@code typed} is the code printed on the certificate.
   *
   * @throws NotFoundException when there is no such certificate
   * @throws IllegalArgumentException when {@code typed} is not a code at all (10 characters of Crockford's base32)
   */
  public boolean codeMatches(String number, String typed) {
    Issued issued = issued(number);
    if (CertificateFiles.normalise(typed) == null) {
      throw new IllegalArgumentException("核验码应为 10 位字母或数字（如 7K3QD-M9X2F）");
    }
    return CertificateFiles.matches(issued.code(), typed);
  }

  /**
   * Reads a file (at most {@value #MAX_FILE_BYTES} bytes) and checks whether the platform signed exactly these bytes
   * as the certificate {@code number}: its SM3 digest is among those recorded for the certificate and the recorded
   * SM2 signature verifies over the bytes with the platform's public key.
   *
   * @throws NotFoundException when there is no such certificate
   * @throws IllegalArgumentException when the file is empty or larger than the limit
   */
  public FileCheck check(String number, InputStream file) {
    Issued issued = issued(number);
    byte[] pdf = read(file);
    String digest = Sm3.hex(pdf);
    return new FileCheck(files.signedByPlatform(issued.number(), digest, pdf), digest, pdf.length);
  }

  private Issued issued(String number) {
    if (number == null || number.length() > 40) {
      throw new NotFoundException("certificate", number);
    }
    return files.find(number).orElseThrow(() -> new NotFoundException("certificate", number));
  }

  private static byte[] read(InputStream in) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[16 * 1024];
    try (in) {
      for (int n; (n = in.read(buffer)) > 0; ) {
        if (out.size() + n > MAX_FILE_BYTES) {
          throw new IllegalArgumentException("文件超过 " + MAX_FILE_BYTES / 1024 / 1024 + " MB，不是本平台出具的证书");
        }
        out.write(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (out.size() == 0) {
      throw new IllegalArgumentException("文件为空");
    }
    return out.toByteArray();
  }

  private PublicCertificate issuance(Issued issued) {
    Issuance issuance = registry.issuance(issued.subjectId())
        .orElseThrow(() -> new IllegalStateException("certificate " + issued.number() + " has no issuance"));
    long retired = 0;
    long cancelled = 0;
    for (RegistryBlock block : registry.blocksOf(issuance)) {
      if (block.getStatus() == RegistryBlock.Status.RETIRED) {
        retired += block.getQuantity();
      } else if (block.getStatus() == RegistryBlock.Status.CANCELLED) {
        cancelled += block.getQuantity();
      }
    }
    long quantity = issuance.getQuantity();
    long outstanding = quantity - retired - cancelled;
    String status;
    String label;
    if (cancelled == quantity) {
      status = "CANCELLED";
      label = "已作废";
    } else if (retired > 0 && outstanding == 0) {
      status = "RETIRED";
      label = "已全部注销";
    } else if (retired > 0) {
      status = "PARTLY_RETIRED";
      label = "部分注销";
    } else if (cancelled > 0) {
      status = "PARTLY_CANCELLED";
      label = "部分作废";
    } else {
      status = "ISSUED";
      label = "已签发";
    }
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("项目名称", projects.findById(issuance.getProjectId())
        .filter(p -> issuance.getProjectRegistrationNo().equals(p.getRegistrationNo())).map(Project::getName)
        .orElse("—")));
    facts.add(new Fact("项目登记编号", issuance.getProjectRegistrationNo()));
    facts.add(new Fact("减排量产生年度", issuance.getVintageYear() + "年度"));
    facts.add(new Fact("签发数量", Certificates.tonnes(quantity)));
    facts.add(new Fact("序列号区间", Serials.range(issuance.getProjectRegistrationNo(), issuance.getVintageYear(),
        issuance.getFirstUnit(), issuance.getLastUnit())));
    facts.add(new Fact("签发日期", day(issuance.getIssuedAt())));
    facts.add(new Fact("已注销（消纳）数量", Certificates.tonnes(retired)));
    facts.add(new Fact("已作废数量", Certificates.tonnes(cancelled)));
    facts.add(new Fact("尚未注销数量", Certificates.tonnes(outstanding)));
    return withJournal(issued, "减排量签发证书", status, label, facts, issuance.getJournalEntryId());
  }

  private PublicCertificate retirement(Issued issued) {
    Retirement retirement = registry.retirement(issued.subjectId())
        .orElseThrow(() -> new IllegalStateException("certificate " + issued.number() + " has no retirement"));
    List<Fact> facts = new ArrayList<>();
    facts.add(new Fact("注销用途", retirement.getPurpose().label()));
    facts.add(new Fact("注销数量", Certificates.tonnes(retirement.getQuantity())));
    facts.add(new Fact("减排量序列号", String.join("\n",
        registry.blocksOf(retirement).stream().map(RegistryBlock::serialRange).toList())));
    facts.add(new Fact("注销日期", day(retirement.getOccurredAt())));
    return withJournal(issued, "减排量注销（消纳）证明", "RETIRED", "已注销（消纳）", facts,
        retirement.getJournalEntryId());
  }

  private PublicCertificate project(Issued issued) {
    Project project = projects.findById(issued.subjectId())
        .orElseThrow(() -> new IllegalStateException("certificate " + issued.number() + " has no project"));
    boolean registered = project.getStatus() == ProjectStatus.REGISTERED;
    List<Fact> facts = List.of(new Fact("项目名称", project.getName()),
        new Fact("项目登记编号", project.getRegistrationNo()), new Fact("项目当前状态", project.getStatus().label()));
    return new PublicCertificate(issued.number(), "项目登记证书", registered ? "REGISTERED" : "LAPSED",
        registered ? "有效" : "已失效", facts, null, null, null);
  }

  private PublicCertificate withJournal(Issued issued, String title, String status, String label, List<Fact> facts,
      Long journalEntryId) {
    JournalEntry entry = registry.journalEntry(journalEntryId).orElse(null);
    return new PublicCertificate(issued.number(), title, status, label, facts,
        entry == null ? null : entry.getId(), entry == null ? null : entry.getHashAlgorithm(),
        entry == null ? null : entry.getHash());
  }

  private String day(Instant instant) {
    return instant == null ? "—" : Certificate.chineseDate(instant.atZone(calendar.zone()).toLocalDate());
  }
}
