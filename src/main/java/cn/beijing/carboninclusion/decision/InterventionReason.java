package cn.beijing.carboninclusion.decision;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The reason an administrator gives for an engine intervention ({@code /engine-rest} or the webapps' engine API),
 * sent as the request header {@value #HEADER} (percent-encoded UTF-8, so Chinese text travels in a header). Where the
 * engine call has a reason of its own (a modification's {@code annotation}, a deletion's {@code deleteReason}), that
 * one counts.
 */
@Component
public class InterventionReason extends OncePerRequestFilter {
  public static final String HEADER = "X-Intervention-Reason";
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  static String current() {
    return CURRENT.get();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String header = request.getHeader(HEADER);
    if (header == null || header.isBlank()) {
      chain.doFilter(request, response);
      return;
    }
    String reason;
    try {
      reason = URLDecoder.decode(header, StandardCharsets.UTF_8).trim();
    } catch (IllegalArgumentException e) {
      reason = header.trim();
    }
    CURRENT.set(reason.length() > 2000 ? reason.substring(0, 2000) : reason);
    try {
      chain.doFilter(request, response);
    } finally {
      CURRENT.remove();
    }
  }
}
