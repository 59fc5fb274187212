package cn.beijing.carboninclusion.certificate;

import cn.beijing.carboninclusion.certificate.Certificate.Field;
import cn.beijing.carboninclusion.certificate.Certificate.Line;
import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.Image;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.Rectangle;
import com.lowagie.text.pdf.BaseFont;
import com.lowagie.text.pdf.PdfContentByte;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfPageEventHelper;
import com.lowagie.text.pdf.PdfWriter;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Sets a {@link Certificate} as an A4 PDF with OpenPDF: a framed page with the scheme's name, the kind of document,
 * its number, the statement, the fields in a table, and the issuer with the date. All text is in the CJK font of
 * {@link CertificateFont}, embedded as a subset with a ToUnicode map, so the PDF shows the same on every reader and
 * its text can be searched and extracted.
 *
 * <p>A verifiable certificate ends with a QR code (ZXing, error correction M) of its public page
 * {@code /portal/certificates/{number}?code=…} and, next to it, the page's address and the short verification code
 * for those who type rather than scan (docs/portal.md, "证书核验"); the issuer and the date stand to the right.
 */
@Component
class CertificateRenderer {
  private static final Color SEAL_RED = new Color(0xA6, 0x1B, 0x1B);
  private static final Color INK = new Color(0x22, 0x22, 0x22);
  private static final Color MUTED = new Color(0x66, 0x66, 0x66);
  private static final Color RULE = new Color(0xC8, 0xB0, 0x8A);
  private static final float MARGIN = 64;
  private static final float LABEL_SHARE = 0.28f;
  private static final float CELL_PADDING = 6;
  private static final float FIELD_SIZE = 10.5f;
  /** The QR code's printed side: 2.8 cm, well above the 2 cm phones read from arm's length. */
  private static final float QR_SIDE = 80;
  /** Image pixels per QR module; the image is scaled to {@link #QR_SIDE}, so this only sets its sharpness. */
  private static final int QR_PIXELS_PER_MODULE = 8;

  /**
   * Where and how a certificate is verified: the address of its public page (what the QR code holds), the page's
   * address as printed, and the verification code as printed.
   */
  record Verification(String url, String printedUrl, String code) {}

  private final CertificateFont fonts;

  CertificateRenderer(CertificateFont fonts) {
    this.fonts = fonts;
  }

  /**
   * The certificate as PDF bytes.
   *
   * @throws CertificateFontUnavailable if no CJK font is installed (no PDF is made without one)
   */
  byte[] render(Certificate certificate) {
    return render(certificate, null);
  }

  /**
   * Fails as {@link #render} would without a CJK font, before anything about the certificate is recorded.
   *
   * @throws CertificateFontUnavailable if no CJK font is installed
   */
  void requireFont() {
    fonts.get();
  }

  /**
   * The certificate as PDF bytes, with its QR code and verification code when {@code verification} is given.
   *
   * @throws CertificateFontUnavailable if no CJK font is installed (no PDF is made without one)
   */
  byte[] render(Certificate certificate, Verification verification) {
    BaseFont base = fonts.get();
    Document document = new Document(PageSize.A4, MARGIN, MARGIN, MARGIN + 8, MARGIN);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PdfWriter writer = PdfWriter.getInstance(document, out);
      document.addTitle(Certificate.SCHEME + certificate.title() + " " + certificate.number());
      document.addAuthor(Certificate.ISSUER);
      document.addSubject(certificate.title());
      document.addCreator("北京市碳普惠管理平台");
      writer.setPageEvent(new PdfPageEventHelper() {
        @Override
        public void onEndPage(PdfWriter pageWriter, Document page) {
          frame(pageWriter.getDirectContentUnder(), page.getPageSize());
        }
      });
      document.open();

      document.add(centred(Certificate.SCHEME, new Font(base, 20, Font.NORMAL, SEAL_RED), 0, 6));
      document.add(centred(certificate.title(), new Font(base, 28, Font.BOLD, SEAL_RED), 0, 10));
      document.add(centred("证书编号：" + certificate.number(), new Font(base, 10, Font.NORMAL, MUTED), 0, 22));

      Paragraph statement = new Paragraph(certificate.statement(), new Font(base, 12, Font.NORMAL, INK));
      statement.setFirstLineIndent(24);
      statement.setLeading(20);
      statement.setSpacingAfter(14);
      document.add(statement);

      document.add(fields(certificate, base, document.right() - document.left()));

      if (certificate.note() != null) {
        Paragraph note = new Paragraph(certificate.note(), new Font(base, 8.5f, Font.NORMAL, MUTED));
        note.setLeading(13);
        note.setSpacingBefore(10);
        document.add(note);
      }

      Font signature = new Font(base, 13, Font.NORMAL, INK);
      if (verification == null) {
        Paragraph issuer = new Paragraph(Certificate.ISSUER, signature);
        issuer.setAlignment(Element.ALIGN_RIGHT);
        issuer.setSpacingBefore(36);
        issuer.setIndentationRight(12);
        document.add(issuer);
        Paragraph date = new Paragraph("发证日期：" + Certificate.chineseDate(certificate.issuedOn()), signature);
        date.setAlignment(Element.ALIGN_RIGHT);
        date.setSpacingBefore(6);
        date.setIndentationRight(12);
        document.add(date);
      } else {
        document.add(closing(certificate, verification, base, signature, document.right() - document.left()));
      }
      document.close();
    } catch (DocumentException e) {
      throw new IllegalStateException("certificate " + certificate.number() + " could not be set", e);
    }
    return out.toByteArray();
  }

  /** The last row: the QR code and how to verify on the left, the issuer and the date on the right. */
  private static PdfPTable closing(Certificate certificate, Verification verification, BaseFont base, Font signature,
      float width) throws DocumentException {
    PdfPTable table = new PdfPTable(3);
    table.setTotalWidth(width);
    table.setLockedWidth(true);
    table.setWidths(new float[] {QR_SIDE + 4, width * 0.42f, width * 0.58f - QR_SIDE - 4});
    table.setSpacingBefore(24);
    PdfPCell qr = new PdfPCell(qrCode(verification.url()), false);
    qr.setBorder(Rectangle.NO_BORDER);
    qr.setPadding(0);
    qr.setVerticalAlignment(Element.ALIGN_BOTTOM);
    table.addCell(qr);

    Font small = new Font(base, 8, Font.NORMAL, MUTED);
    Phrase how = new Phrase();
    how.add(new Chunk("扫描二维码或访问", small));
    how.add(Chunk.NEWLINE);
    // the address on two lines (the site, then the page's path), each unbroken so it can be typed as printed
    String url = verification.printedUrl();
    int path = url.indexOf("/portal/");
    for (String line : path > 0 ? List.of(url.substring(0, path), url.substring(path)) : List.of(url)) {
      how.add(new Chunk(line, new Font(base, fitting(base, line, width * 0.42f - 8) * 8 / FIELD_SIZE, Font.NORMAL,
          INK)));
      how.add(Chunk.NEWLINE);
    }
    how.add(new Chunk("核验本证书的登记簿状态与平台签名", small));
    how.add(Chunk.NEWLINE);
    how.add(new Chunk("核验码：", small));
    how.add(new Chunk(verification.code(), new Font(base, 11, Font.BOLD, INK)));
    PdfPCell text = new PdfPCell(how);
    text.setBorder(Rectangle.NO_BORDER);
    text.setPaddingLeft(6);
    text.setLeading(0, 1.4f);
    text.setVerticalAlignment(Element.ALIGN_BOTTOM);
    table.addCell(text);

    Phrase issuer = new Phrase();
    issuer.add(new Chunk(Certificate.ISSUER, signature));
    issuer.add(Chunk.NEWLINE);
    issuer.add(new Chunk("发证日期：" + Certificate.chineseDate(certificate.issuedOn()), signature));
    PdfPCell right = new PdfPCell(issuer);
    right.setBorder(Rectangle.NO_BORDER);
    right.setHorizontalAlignment(Element.ALIGN_RIGHT);
    right.setVerticalAlignment(Element.ALIGN_BOTTOM);
    right.setPaddingRight(12);
    right.setLeading(0, 1.6f);
    table.addCell(right);
    return table;
  }

  /** The QR code of {@code url} as a black-on-white image of {@link #QR_SIDE} points, its quiet zone included. */
  static Image qrCode(String url) {
    try {
      BitMatrix matrix = new QRCodeWriter().encode(url, BarcodeFormat.QR_CODE, 0, 0,
          Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 4,
              EncodeHintType.CHARACTER_SET, "UTF-8"));
      int side = matrix.getWidth() * QR_PIXELS_PER_MODULE;
      BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_BINARY);
      for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
          boolean dark = matrix.get(x / QR_PIXELS_PER_MODULE, y / QR_PIXELS_PER_MODULE);
          image.setRGB(x, y, dark ? 0xFF000000 : 0xFFFFFFFF);
        }
      }
      Image pdfImage = Image.getInstance(image, null, true);
      pdfImage.scaleAbsolute(QR_SIDE, QR_SIDE);
      return pdfImage;
    } catch (WriterException | IOException e) {
      throw new IllegalStateException("no QR code for " + url, e);
    }
  }

  private static Paragraph centred(String text, Font font, float before, float after) {
    Paragraph paragraph = new Paragraph(text, font);
    paragraph.setAlignment(Element.ALIGN_CENTER);
    paragraph.setSpacingBefore(before);
    paragraph.setSpacingAfter(after);
    return paragraph;
  }

  private static PdfPTable fields(Certificate certificate, BaseFont base, float width) throws DocumentException {
    PdfPTable table = new PdfPTable(2);
    table.setTotalWidth(width);
    table.setLockedWidth(true);
    table.setWidths(new float[] {LABEL_SHARE, 1 - LABEL_SHARE});
    float valueWidth = width * (1 - LABEL_SHARE) - 2 * CELL_PADDING - 2;
    Font label = new Font(base, FIELD_SIZE, Font.NORMAL, MUTED);
    for (Field field : certificate.fields()) {
      table.addCell(cell(new Phrase(field.label(), label)));
      Phrase value = new Phrase();
      for (int i = 0; i < field.lines().size(); i++) {
        Line line = field.lines().get(i);
        float size = line.verbatim() ? fitting(base, line.text(), valueWidth) : FIELD_SIZE;
        if (i > 0) {
          value.add(Chunk.NEWLINE);
        }
        value.add(new Chunk(line.text(), new Font(base, size, Font.NORMAL, INK)));
      }
      table.addCell(cell(value));
    }
    return table;
  }

  /** The largest size up to the fields' own at which the line fits the value column. */
  static float fitting(BaseFont base, String line, float width) {
    float natural = base.getWidthPoint(line, FIELD_SIZE);
    return natural <= width ? FIELD_SIZE : Math.max(5, (float) Math.floor(FIELD_SIZE * width / natural * 10) / 10);
  }

  private static PdfPCell cell(Phrase phrase) {
    PdfPCell cell = new PdfPCell(phrase);
    cell.setPadding(CELL_PADDING);
    cell.setPaddingBottom(CELL_PADDING + 2);
    cell.setBorderColor(RULE);
    cell.setBorderWidth(0.5f);
    cell.setLeading(0, 1.35f);
    return cell;
  }

  /** A double border in seal red, the frame of a certificate. */
  private static void frame(PdfContentByte canvas, Rectangle page) {
    canvas.saveState();
    canvas.setColorStroke(SEAL_RED);
    canvas.setLineWidth(2.2f);
    canvas.rectangle(28, 28, page.getWidth() - 56, page.getHeight() - 56);
    canvas.stroke();
    canvas.setLineWidth(0.6f);
    canvas.rectangle(34, 34, page.getWidth() - 68, page.getHeight() - 68);
    canvas.stroke();
    canvas.restoreState();
  }
}
