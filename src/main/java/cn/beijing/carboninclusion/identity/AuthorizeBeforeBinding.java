package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.InvalidInputException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.util.SimpleMethodInvocation;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may call an operation is decided before anything of the request is read: the operation's {@code @PreAuthorize}
 * rule (method or class) and its {@link CaseScope} are checked once the handler is known and before its arguments are
 * bound. Method security alone would decide only after binding and validation, so a caller without the right would get
 * a 400 describing the operation's rules (and have its body, a 20 MB upload, parsed) before its 403. The method
 * security interceptor still runs at the call (same rule, the last word); this is the first.
 */
@Configuration
class AuthorizeBeforeBinding implements HandlerInterceptor, WebMvcConfigurer {
  private final PreAuthorizeAuthorizationManager roles = new PreAuthorizeAuthorizationManager();
  private final ObjectProvider<CaseScopeCheck> checks;
  private final Map<String, CaseScopeCheck> byKind = new ConcurrentHashMap<>();

  AuthorizeBeforeBinding(ObjectProvider<CaseScopeCheck> checks) {
    this.checks = checks;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/**").order(Ordered.HIGHEST_PRECEDENCE);
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    AuthorizationResult decision = roles.authorize(
        () -> SecurityContextHolder.getContext().getAuthentication(),
        new SimpleMethodInvocation(method.getBean(), method.getMethod(),
            new Object[method.getMethod().getParameterCount()]));
    if (decision != null && !decision.isGranted()) {
      throw new AccessDeniedException("无权执行该操作 (not permitted)");
    }
    CaseScope scope = method.getMethodAnnotation(CaseScope.class);
    if (scope != null) {
      @SuppressWarnings("unchecked")
      Map<String, String> variables =
          (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
      String raw = variables == null ? null : variables.get(scope.variable());
      long id;
      try {
        id = Long.parseLong(raw);
      } catch (NumberFormatException e) {
        throw new InvalidInputException(scope.variable(), "须为整数编号 (must be a whole number)");
      }
      check(scope.kind()).requireVisible(id);
    }
    return true;
  }

  private CaseScopeCheck check(String kind) {
    return byKind.computeIfAbsent(kind, k -> checks.stream().filter(c -> c.kind().equals(k)).findFirst()
        .orElseThrow(() -> new IllegalStateException("no CaseScopeCheck for kind " + k)));
  }
}
