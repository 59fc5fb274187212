package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.SecurityAudit;
import cn.beijing.carboninclusion.common.SecurityAudit.Event;
import cn.beijing.carboninclusion.common.SecurityAudit.Outcome;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Records what only the answer tells: a refusal (403) on the platform API, the engine REST API, the webapps' API and
 * the actuator, with the caller and the address asked for; an export (a CSV answer of the platform API outside
 * {@code /api/public}); and a logout from the webapps (the session ends on the server). These rows are written by the
 * request's thread right after the answer, so a client may see the answer a moment before the row. Registered in front of every other filter (identity.SecurityConfiguration), so it sees the final status.
 */
class SecurityAuditFilter extends OncePerRequestFilter {
  static final String WEBAPP_LOGOUT = "/camunda/api/admin/auth/user/default/logout";

  private final ObjectProvider<SecurityAudit> audit;

  SecurityAuditFilter(ObjectProvider<SecurityAudit> audit) {
    this.audit = audit;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI();
    String webappUser = path.equals(WEBAPP_LOGOUT) ? webappUser(request) : null;
    // the request is known to everything below from here on — the engine's password check included, which runs in
    // Spring Security's chain before the dispatcher would make it known (the audit's source address, the second
    // factor's enrolment path)
    boolean bound = RequestContextHolder.getRequestAttributes() == null;
    if (bound) {
      RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request, response));
    }
    try {
      chain.doFilter(request, response);
      if (response.getStatus() == HttpServletResponse.SC_FORBIDDEN) {
        audit.getObject().record(Event.ACCESS_REFUSED, basicUser(request, webappUser),
            request.getMethod() + " " + path, Outcome.REFUSED, "");
      } else if (response.getStatus() == HttpServletResponse.SC_OK && path.startsWith("/api/")
          && !path.startsWith("/api/public/") && response.getContentType() != null
          && response.getContentType().startsWith("text/csv")) {
        // an export of non-public data (holdings, the security audit): who took what
        audit.getObject().record(Event.EXPORT, basicUser(request, null), request.getMethod() + " " + path,
            Outcome.SUCCESS, request.getQueryString() == null ? "" : request.getQueryString());
      } else if (webappUser != null && response.getStatus() < 300) {
        audit.getObject().record(Event.LOGOUT, webappUser, "webapps", Outcome.SUCCESS,
            "会话已在服务端结束 (session ended)");
      }
    } finally {
      if (bound) {
        RequestContextHolder.resetRequestAttributes();
      }
    }
  }

  /** The user name of HTTP Basic credentials (never the password), else the webapps' session user. */
  private static String basicUser(HttpServletRequest request, String fallback) {
    String header = request.getHeader("Authorization");
    if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
      try {
        String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        return colon > 0 ? decoded.substring(0, Math.min(colon, 100)) : null;
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
    return fallback != null ? fallback : webappUser(request);
  }

  private static String webappUser(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
    return authentications == null || authentications.getAuthentications().isEmpty() ? null
        : authentications.getAuthentications().get(0).getName();
  }
}
