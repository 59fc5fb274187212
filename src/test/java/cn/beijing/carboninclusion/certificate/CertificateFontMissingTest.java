package cn.beijing.carboninclusion.certificate;

import static org.hamcrest.Matchers.containsString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import cn.beijing.carboninclusion.common.ApiExceptionHandler;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * Without a CJK font the endpoints answer 503 with a problem that says which package to install, through the
 * platform's one exception handler, even to a client that asked for a PDF; never a PDF without its Chinese.
 */
class CertificateFontMissingTest {

  @Test
  void withoutTheFontACertificateRequestIsA503ProblemNotAPdf() throws Exception {
    Certificates certificates = mock(Certificates.class);
    when(certificates.issuance(7L)).thenReturn(new Certificate("减排量签发证书", "BJCI-C-I-00000007", "兹证明。",
        List.of(), null, LocalDate.of(2025, 3, 1)));
    CertificateRenderer renderer = new CertificateRenderer(
        new CertificateFont(List.of("/nonexistent/fonts/wqy-zenhei.ttc,0")));
    CertificateFiles files = mock(CertificateFiles.class);
    MockMvc mvc = MockMvcBuilders.standaloneSetup(new CertificateController(certificates, renderer,
        mock(cn.beijing.carboninclusion.crypto.Sm2Signer.class), files, "http://localhost:8080"))
        .setControllerAdvice(new ApiExceptionHandler()).build();

    mvc.perform(get("/api/registry/issuances/7/certificate").accept(MediaType.APPLICATION_PDF))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().doesNotExist(HttpHeaders.CONTENT_DISPOSITION))
        .andExpect(header().doesNotExist(CertificateController.SIGNATURE_HEADER))
        .andExpect(jsonPath("$.status").value(503))
        .andExpect(jsonPath("$.detail")
            .value(containsString("CJK font not installed: apt-get install fonts-wqy-zenhei")));
    // nothing is recorded of a certificate that could not be set: no code drawn, no file
    verifyNoInteractions(files);
  }
}
