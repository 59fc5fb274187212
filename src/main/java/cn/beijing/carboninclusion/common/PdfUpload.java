package cn.beijing.carboninclusion.common;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.web.multipart.MultipartFile;

/**
 * A signed report uploaded as a PDF (a verifier's 核查报告, an audit firm's 审计报告): at most {@link #MAX_BYTES},
 * read once while its SHA-256 is computed, starting with {@code %PDF-}; the file name made safe for a
 * Content-Disposition header. Any other upload is refused with 400 naming the multipart field {@code file}.
 *
 * @param filename the client's file name, without path separators or control characters, at most 255 characters
 * @param content the bytes as uploaded
 * @param sha256 lower-case hex SHA-256 of the content
 */
public record PdfUpload(String filename, byte[] content, String sha256) {
  public static final long MAX_BYTES = 20L * 1024 * 1024;

  /** Reads and checks the upload; {@code what} names the document in the messages (e.g. 核查报告). */
  public static PdfUpload read(MultipartFile file, String what, String defaultName) {
    if (file == null || file.isEmpty()) {
      throw new InvalidInputException("file", "须上传" + what + "（PDF）(the report is required)");
    }
    if (file.getSize() > MAX_BYTES) {
      throw new InvalidInputException("file", "文件不得超过 20 MB (file too large)");
    }
    byte[] content;
    String sha256;
    try (InputStream in = file.getInputStream()) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      ByteArrayOutputStream copy = new ByteArrayOutputStream((int) Math.min(file.getSize(), MAX_BYTES));
      new DigestInputStream(in, digest).transferTo(copy);
      content = copy.toByteArray();
      sha256 = HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new InvalidInputException("file", "文件读取失败 (unreadable upload)");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java platform", e);
    }
    if (content.length < 5 || !new String(content, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-")) {
      throw new InvalidInputException("file", what + "须为 PDF 文件 (the report must be a PDF)");
    }
    String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank() ? defaultName
        : file.getOriginalFilename().replaceAll("[\\\\/\\r\\n\\t\"]", "_");
    return new PdfUpload(name.length() > 255 ? name.substring(0, 255) : name, content, sha256);
  }
}
