package cn.beijing.carboninclusion.certificate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.assertj.core.data.Offset.offset;

import cn.beijing.carboninclusion.certificate.Certificate.Field;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Setting a certificate, without Spring: the installed CJK font, A4, text that reads back; no font, no PDF. */
class CertificateRendererTest {
  static final String HASH = "3f0c9a5e7b1d2c4f6a8b0d1e3f5a7c9e1b3d5f7a9c1e3b5d7f9a1c3e5b7d9f1a";

  @Test
  void aCertificateIsAnA4PdfInTheEmbeddedSubsetOfTheCjkFontAndItsTextReadsBack() throws IOException {
    assumeThat(Path.of(CertificateFont.fileOf(CertificateProperties.DEFAULT_FONT))).as("fonts-wqy-zenhei installed")
        .exists();
    Certificate certificate = new Certificate("减排量签发证书", "BJCI-C-I-00000007",
        "经审核，下列北京市碳普惠减排量已在北京市碳普惠登记簿签发，特发此证。",
        List.of(Field.of("项目名称", "“绿色出行”公交地铁出行碳普惠项目"),
            Field.verbatim("序列号区间", "BJCI-2025-0001-2024-00000001-00000100"),
            Field.of("签发数量", Certificates.tonnes(1_200)),
            Field.verbatim("日志哈希（SHA-256）", HASH)),
        Certificates.VERIFY_NOTE, LocalDate.of(2025, 3, 1));

    byte[] pdf = renderer(CertificateProperties.DEFAULT_FONT).render(certificate);

    try (PDDocument document = Loader.loadPDF(pdf)) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      PDPage page = document.getPage(0);
      assertThat(page.getMediaBox().getWidth()).isCloseTo(PDRectangle.A4.getWidth(), offset(1f));
      assertThat(page.getMediaBox().getHeight()).isCloseTo(PDRectangle.A4.getHeight(), offset(1f));
      List<PDFont> fonts = new ArrayList<>();
      for (COSName name : page.getResources().getFontNames()) {
        fonts.add(page.getResources().getFont(name));
      }
      assertThat(fonts).isNotEmpty().allSatisfy(font -> {
        assertThat(font.isEmbedded()).as("%s embedded", font.getName()).isTrue();
        assertThat(font.getName()).as("a subset's name has a tag").matches("[A-Z]{6}\\+.+");
      });
      String text = new PDFTextStripper().getText(document);
      assertThat(text).contains("北京市碳普惠", "减排量签发证书", "证书编号：BJCI-C-I-00000007", "“绿色出行”公交地铁出行碳普惠项目",
          "BJCI-2025-0001-2024-00000001-00000100", "1,200 tCO2e", HASH, "北京市生态环境局", "发证日期：2025年3月1日");
      assertThat(document.getDocumentInformation().getTitle()).isEqualTo("北京市碳普惠减排量签发证书 BJCI-C-I-00000007");
    }
  }

  @Test
  void withoutACjkFontThereIsNoCertificateButA503Problem() {
    CertificateRenderer renderer = renderer("/nonexistent/fonts/wqy-zenhei.ttc");
    Certificate certificate = new Certificate("项目登记证书", "BJCI-C-P-2025-0001", "兹证明。", List.of(), null,
        LocalDate.of(2025, 3, 1));

    assertThatThrownBy(() -> renderer.render(certificate)).isInstanceOfSatisfying(CertificateFontUnavailable.class,
        e -> {
          assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
          ProblemDetail problem = e.getBody();
          assertThat(problem.getStatus()).isEqualTo(503);
          assertThat(problem.getDetail()).contains("CJK font not installed: apt-get install fonts-wqy-zenhei");
        });
  }

  @Test
  void aFontWithoutChineseIsNotUsed() {
    Path latinOnly = Path.of("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");
    assumeThat(Files.exists(latinOnly)).isTrue();
    CertificateFont font = new CertificateFont(List.of(latinOnly.toString()));

    assertThatThrownBy(font::get).isInstanceOf(CertificateFontUnavailable.class);
  }

  @Test
  void aCollectionWithoutAFaceIndexGetsTheFirstFace() {
    assertThat(CertificateFont.spec("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"))
        .isEqualTo("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc,0");
    assertThat(CertificateFont.fileOf("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,2"))
        .isEqualTo("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc");
    assertThat(CertificateFont.fileOf("/fonts/a,b.ttf")).isEqualTo("/fonts/a,b.ttf");
  }

  @Test
  void theAttachmentNamesTheCertificateInUtf8WithAnAsciiFallback() {
    Certificate certificate = new Certificate("减排量注销（消纳）证明", "BJCI-C-R-00000012", "兹证明。", List.of(), null,
        LocalDate.of(2025, 3, 1));

    String disposition = certificate.contentDisposition();

    assertThat(disposition).startsWith("attachment; filename=\"certificate-BJCI-C-R-00000012.pdf\"; filename*=UTF-8''");
    String encoded = disposition.substring(disposition.indexOf("UTF-8''") + "UTF-8''".length());
    assertThat(encoded).matches("[A-Za-z0-9%!#$&+\\-.^_`|~]+");
    assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo("减排量注销（消纳）证明-BJCI-C-R-00000012.pdf");
  }

  private static CertificateRenderer renderer(String font) {
    return new CertificateRenderer(new CertificateFont(new CertificateProperties(font)));
  }
}
