package cn.beijing.carboninclusion.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The media-type headers of a platform API call, checked before the call is dispatched, because Spring MVC cannot
 * answer them with a problem of its own: an {@code Accept} header that does not parse leaves an error without its
 * body (400 naming {@code Accept}), and a {@code Content-Type} with a wildcard ({@code *}{@code /*},
 * {@code application/*+json}) names no format a body could be read in and fails inside Spring MVC (415 naming
 * {@code Content-Type}). A {@code Content-Type} that does not parse at all is Spring MVC's own 415.
 */
@Component
class MediaTypeHeaders extends OncePerRequestFilter {
  private final ObjectMapper json;

  MediaTypeHeaders(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String accept = String.join(",", Collections.list(request.getHeaders(HttpHeaders.ACCEPT)));
    if (!accept.isBlank()) {
      try {
        MediaType.parseMediaTypes(accept);
      } catch (InvalidMediaTypeException e) {
        refuse(response, ApiExceptionHandler.invalid(Map.of(HttpHeaders.ACCEPT,
            "无法解析的媒体类型 (not a media type)")));
        return;
      }
    }
    String contentType = request.getContentType();
    if (contentType != null && wildcard(contentType)) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "请求正文须为具体的媒体类型 (a concrete media type, no wildcard): " + HttpHeaders.CONTENT_TYPE);
      problem.setTitle("不支持的媒体类型 (unsupported media type)");
      problem.setProperty("errors", Map.of(HttpHeaders.CONTENT_TYPE,
          "须为具体的媒体类型，不能含通配符 (a concrete media type, no wildcard)"));
      refuse(response, problem);
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean wildcard(String contentType) {
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return type.isWildcardType() || type.isWildcardSubtype();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  private void refuse(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), problem);
  }
}
