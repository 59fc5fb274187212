package cn.beijing.carboninclusion.portal;

import cn.beijing.carboninclusion.certificate.PublicCertificates;
import cn.beijing.carboninclusion.certificate.PublicCertificates.FileCheck;
import cn.beijing.carboninclusion.certificate.PublicCertificates.PublicCertificate;
import cn.beijing.carboninclusion.common.ClientRateLimiter;
import cn.beijing.carboninclusion.common.PublicAnswerCache;
import cn.beijing.carboninclusion.common.TooManyRequestsException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;

/**
 * 证书核验: the public page of a certificate, where its QR code leads (docs/portal.md, "证书核验 / verifying a
 * certificate"). It shows what the registry says of the certificate now and its journal entry; with {@code ?code=}
 * (as the QR code carries it, or typed from the paper) it says whether the code is the one printed on the
 * certificate; and it checks an uploaded file: whether the platform signed exactly those bytes (SM2 with its
 * published key). Bad input answers the page again with the field named and changes nothing; an unknown number is
 * the portal's Chinese 404.
 */
@Controller
class PortalCertificateController {
  static final String PAGE = "/portal/certificates/";

  private final PublicCertificates certificates;
  private final ClientRateLimiter rateLimiter;

  PortalCertificateController(PublicCertificates certificates, ClientRateLimiter rateLimiter) {
    this.certificates = certificates;
    this.rateLimiter = rateLimiter;
  }

  /** The lookup form's target: a typed number (and code) leads to the certificate's page. */
  @GetMapping("/portal/certificates")
  ModelAndView lookup(@RequestParam(required = false) String number, @RequestParam(required = false) String code) {
    if (number == null || number.isBlank()) {
      ModelAndView page = new ModelAndView("portal/error", Map.of("nav", "registry", "title", "查询条件有误",
          "message", "请填写证书编号 (number)。"));
      page.setStatus(HttpStatus.BAD_REQUEST);
      return page;
    }
    String target = PAGE + URLEncoder.encode(number.strip(), StandardCharsets.UTF_8);
    if (code != null && !code.isBlank()) {
      target += "?code=" + URLEncoder.encode(code.strip(), StandardCharsets.UTF_8);
    }
    return new ModelAndView("redirect:" + target);
  }

  @GetMapping(PAGE + "{number}")
  ModelAndView certificate(@PathVariable String number, @RequestParam(required = false) String code,
      HttpServletRequest request) {
    PublicCertificate certificate = certificates.get(number);
    Map<String, Object> model = model(certificate, request);
    HttpStatus status = HttpStatus.OK;
    if (code != null) {
      model.put("code", code.length() > 40 ? code.substring(0, 40) : code);
      try {
        boolean matches = certificates.codeMatches(number, code);
        model.put("codeMatches", matches);
        if (!matches) {
          status = HttpStatus.BAD_REQUEST;
          model.put("problem", "核验码 (code) 与该证书不符：这份证书的核验码不是平台为它出具的。");
        }
      } catch (IllegalArgumentException e) {
        status = HttpStatus.BAD_REQUEST;
        model.put("problem", "核验码 (code) 格式有误：" + e.getMessage());
      }
    }
    return page(model, status);
  }

  /** Checks an uploaded certificate file (multipart field {@code file}) against the signatures the platform made. */
  @PostMapping(PAGE + "{number}/file")
  ModelAndView checkFile(@PathVariable String number, @RequestParam(required = false) MultipartFile file,
      HttpServletRequest request) {
    PublicCertificate certificate = certificates.get(number);
    Map<String, Object> model = model(certificate, request);
    if (file == null || file.isEmpty()) {
      model.put("problem", "请选择要核验的证书文件 (file)。");
      return page(model, HttpStatus.BAD_REQUEST);
    }
    if (file.getSize() > PublicCertificates.MAX_FILE_BYTES) {
      model.put("problem", "证书文件 (file) 超过 " + PublicCertificates.MAX_FILE_BYTES / 1024 / 1024
          + " MB，不是本平台出具的证书。");
      return page(model, HttpStatus.PAYLOAD_TOO_LARGE);
    }
    try {
      rateLimiter.acquire("certificate-file", request.getRemoteAddr());
      FileCheck check = certificates.check(number, file.getInputStream());
      model.put("fileCheck", check);
      model.put("fileName", file.getOriginalFilename());
      return page(model, HttpStatus.OK);
    } catch (TooManyRequestsException e) {
      model.put("problem", e.getMessage());
      return page(model, HttpStatus.TOO_MANY_REQUESTS);
    } catch (IllegalArgumentException e) {
      model.put("problem", "证书文件 (file) 有误：" + e.getMessage());
      return page(model, HttpStatus.BAD_REQUEST);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> model(PublicCertificate certificate, HttpServletRequest request) {
    PublicAnswerCache.doNotShare(request); // the file form carries this visitor's token: never kept nor shared
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
      token.getToken(); // issues the form's token cookie before the page is written
    }
    Map<String, Object> model = new LinkedHashMap<>();
    model.put("nav", "registry");
    model.put("title", certificate.title() + "核验");
    model.put("certificate", certificate);
    return model;
  }

  private static ModelAndView page(Map<String, Object> model, HttpStatus status) {
    ModelAndView page = new ModelAndView("portal/certificate", model);
    page.setStatus(status);
    return page;
  }
}
