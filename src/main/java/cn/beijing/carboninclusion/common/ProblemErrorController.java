package cn.beijing.carboninclusion.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * What reaches the servlet container's error page — a refusal decided before any controller (no such path, a method
 * or media type the path does not take, a request Tomcat or the firewall turned away) — answers as every other
 * refusal does: an RFC 9457 problem ({@code application/problem+json}) naming the status, whatever the client said it
 * accepts (an {@code Accept: image/png} no longer gets an empty 406). Browsers asking for HTML outside {@code /api} keep
 * the HTML error page. Nothing of the failure (exception, message, stack) is shown.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController extends BasicErrorController {
  private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;
  private static final Map<Integer, String> TITLES = Map.of(
      400, "请求无法处理 (bad request)",
      401, "需要登录 (unauthorized)",
      403, "无权操作 (forbidden)",
      404, "未找到 (not found)",
      405, "不支持该请求方法 (method not allowed)",
      406, "无法提供所要求的格式 (not acceptable)",
      413, "请求过大 (content too large)",
      415, "不支持该内容类型 (unsupported media type)",
      429, "请求过于频繁 (too many requests)");

  private final ObjectMapper json;

  ProblemErrorController(ErrorAttributes errorAttributes, ServerProperties server, List<ErrorViewResolver> views,
      ObjectMapper json) {
    super(errorAttributes, server.getError(), views);
    this.json = json;
  }

  @Override
  @RequestMapping
  public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    HttpStatus status = getStatus(request);
    if (status == HttpStatus.NO_CONTENT) {
      return new ResponseEntity<>(status);
    }
    return ResponseEntity.status(status).contentType(PROBLEM).body(problem(request, status));
  }

  @Override
  @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
  public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (uri instanceof String path && (path.equals("/api") || path.startsWith("/api/"))) {
      HttpStatus status = getStatus(request);
      response.setStatus(status.value());
      response.setContentType(PROBLEM.toString());
      try {
        response.getOutputStream().write(json.writeValueAsBytes(problem(request, status)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    }
    return super.errorHtml(request, response);
  }

  @Override
  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  public ResponseEntity<String> mediaTypeNotAcceptable(HttpServletRequest request) {
    HttpStatus status = getStatus(request);
    try {
      return ResponseEntity.status(status).contentType(PROBLEM)
          .body(new String(json.writeValueAsBytes(problem(request, status)), StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> problem(HttpServletRequest request, HttpStatus status) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", TITLES.getOrDefault(status.value(), status.getReasonPhrase()));
    problem.put("status", status.value());
    problem.put("detail", status.is5xxServerError() ? "内部错误 (internal error)" : status.getReasonPhrase());
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (uri instanceof String path) {
      problem.put("instance", path);
    }
    return problem;
  }
}
