package cn.beijing.carboninclusion.common;

import java.io.IOException;
import java.io.Writer;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The connector's own refusals — requests Tomcat turns away before any code of the platform runs, such as an
 * encoded NUL or slash in the path — answered as every refusal of the platform is: an RFC 9457 problem
 * ({@code application/problem+json}), not Tomcat's HTML error page. Errors of the application still go to its own
 * handlers and error page; this valve speaks only where nothing has been written.
 */
@Component
class ConnectorProblems implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  /** After Spring Boot's customizer, whose context customizer installs the error report valve this one replaces. */
  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(context -> {
      if (!(context.getParent() instanceof StandardHost host)) {
        return;
      }
      Pipeline pipeline = host.getPipeline();
      for (Valve valve : pipeline.getValves()) {
        if (valve instanceof ErrorReportValve) {
          pipeline.removeValve(valve);
        }
      }
      pipeline.addValve(new ProblemReportValve());
      // the host adds a valve of this class at start unless one is there
      host.setErrorReportValveClass(ProblemReportValve.class.getName());
    });
  }

  /** Tomcat's error report, as a problem: the status and its reason, nothing of the request or of the server. */
  static final class ProblemReportValve extends ErrorReportValve {
    ProblemReportValve() {
      setShowReport(false);
      setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      HttpStatus known = HttpStatus.resolve(status);
      String title = known == null ? "Error" : known.getReasonPhrase();
      String detail = status < 500 ? "请求无法处理 (the server cannot process this request)"
          : "服务器内部错误，请稍后重试 (internal error)";
      try {
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        Writer writer = response.getReporter();
        if (writer != null) {
          writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
              + ",\"detail\":\"" + detail + "\"}");
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // the connection is gone: nothing more to say
      }
    }
  }
}
