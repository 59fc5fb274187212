package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.Texts;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Writes the access log: every call of an operation marked {@link ConfidentialRead} by staff (any signed-in user who
 * is not a developer; a developer reads only its own cases, which the operations themselves enforce), after the
 * answer, with its outcome — a refused or failed read is logged too. One mechanism for every capability: an operation
 * joins the log by its annotation.
 */
@Configuration
class AccessLog implements HandlerInterceptor, WebMvcConfigurer {
  private static final Logger log = LoggerFactory.getLogger(AccessLog.class);
  private static final String DEVELOPER = Groups.authority(Groups.DEVELOPER);

  private final AccessLogEntries entries;
  private final Clock clock;

  AccessLog(AccessLogEntries entries, Clock clock) {
    this.entries = entries;
    this.clock = clock;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/**");
  }

  @Override
  public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
      Exception ex) {
    ConfidentialRead read = handler instanceof HandlerMethod method
        ? method.getMethodAnnotation(ConfidentialRead.class) : null;
    Authentication user = SecurityContextHolder.getContext().getAuthentication();
    if (read == null || user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
      return;
    }
    if (user.getAuthorities().stream().anyMatch(a -> DEVELOPER.equals(a.getAuthority()))) {
      return;
    }
    String groups = user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
        .filter(a -> a.startsWith("GROUP_")).map(a -> a.substring("GROUP_".length())).sorted()
        .collect(Collectors.joining(","));
    try {
      entries.save(new AccessLogEntry(Instant.now(clock), user.getName(), Texts.abridged(groups, 300), read.object(),
          Texts.abridged(objectRef(request), 300), Texts.abridged(read.fields(), 300),
          Texts.abridged(request.getMethod() + " " + request.getRequestURI()
              + (request.getQueryString() == null ? "" : "?" + request.getQueryString()), 1100),
          ex != null && response.getStatus() < 400 ? 500 : response.getStatus(), request.getRemoteAddr()));
    } catch (RuntimeException e) {
      log.error("access log: the read of {} by {} could not be recorded", read.object(), user.getName(), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static String objectRef(HttpServletRequest request) {
    Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (variables instanceof Map<?, ?> map && !map.isEmpty()) {
      return new TreeMap<>((Map<String, String>) map).entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining(","));
    }
    return request.getQueryString() == null ? "(list)" : request.getQueryString();
  }
}
