package cn.beijing.carboninclusion.certificate;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No CJK font to set a certificate in: the platform answers 503 with this problem rather than a PDF whose Chinese
 * would be missing. An {@link ErrorResponseException}, so the platform's one exception handler renders it as is.
 */
class CertificateFontUnavailable extends ErrorResponseException {
  static final URI TYPE = URI.create("urn:carbon-inclusion:problem:certificate-font-missing");
  static final String DETAIL = "证书所需的中文字体未安装 (CJK font not installed: apt-get install fonts-wqy-zenhei)";

  CertificateFontUnavailable() {
    super(HttpStatus.SERVICE_UNAVAILABLE, problem(), null);
  }

  private static ProblemDetail problem() {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DETAIL);
    problem.setType(TYPE);
    problem.setTitle("暂不能出具证书 (certificates unavailable)");
    return problem;
  }

  @Override
  public String getMessage() {
    return DETAIL;
  }
}
