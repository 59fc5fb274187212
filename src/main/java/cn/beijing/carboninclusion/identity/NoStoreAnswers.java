package cn.beijing.carboninclusion.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.util.Set;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * No answer of the platform API ({@code /api}) or the engine REST API ({@code /engine-rest}) is stored by a browser
 * or a proxy: {@code Cache-Control: no-store} and {@code Pragma: no-cache} on every answer, refusals included, and
 * whatever an operation or the engine sets (Camunda's REST API answers {@code no-cache}, which still lets a browser
 * keep a copy of a task's personal data on disk). Spring Security's own cache headers step aside when these are
 * present. The portal's pages and its stylesheet are outside this filter (docs/security.md).
 */
class NoStoreAnswers extends OncePerRequestFilter {
  static final String CACHE_CONTROL = "no-store";
  static final String PRAGMA = "no-cache";
  private static final Set<String> CACHE_HEADERS = Set.of("cache-control", "pragma", "expires");

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader("Cache-Control", CACHE_CONTROL);
    response.setHeader("Pragma", PRAGMA);
    chain.doFilter(request, new HttpServletResponseWrapper(response) {
      @Override
      public void setHeader(String name, String value) {
        if (!isCacheHeader(name)) {
          super.setHeader(name, value);
        }
      }

      @Override
      public void addHeader(String name, String value) {
        if (!isCacheHeader(name)) {
          super.addHeader(name, value);
        }
      }

      @Override
      public void setDateHeader(String name, long date) {
        if (!isCacheHeader(name)) {
          super.setDateHeader(name, date);
        }
      }

      @Override
      public void addDateHeader(String name, long date) {
        if (!isCacheHeader(name)) {
          super.addDateHeader(name, date);
        }
      }
    });
  }

  private static boolean isCacheHeader(String name) {
    return name != null && CACHE_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT));
  }
}
