package cn.beijing.carboninclusion.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Authorization: Bearer <token>} on the platform API ({@link ApiTokens}): a known token in force authenticates
 * its account with the account's groups of this moment (a membership removed takes effect at once); any other token
 * is a 401 (and a failed login in the audit, {@link ApiTokens#authenticate}). Requests without a bearer token go on to HTTP Basic.
 */
class BearerTokenFilter extends OncePerRequestFilter {
  private final ApiTokens tokens;
  private final IdentityService identityService;
  private final AuthenticationEntryPoint refused;

  BearerTokenFilter(ApiTokens tokens, IdentityService identityService, AuthenticationEntryPoint refused) {
    this.tokens = tokens;
    this.identityService = identityService;
    this.refused = refused;
  }

  /** The token of an {@code Authorization: Bearer} header, if the request has one. */
  static Optional<String> bearer(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(7).trim());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<String> token = bearer(request);
    if (token.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    Optional<String> user = tokens.authenticate(token.get());
    if (user.isEmpty()) {
      refused.commence(request, response, null);
      return;
    }
    List<GrantedAuthority> authorities = identityService.createGroupQuery().groupMember(user.get()).list().stream()
        .map(Group::getId).map(Groups::authority).<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
    SecurityContext context = SecurityContextHolder.getContextHolderStrategy().createEmptyContext();
    context.setAuthentication(new TokenAuthentication(user.get(), authorities));
    SecurityContextHolder.getContextHolderStrategy().setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.getContextHolderStrategy().clearContext();
    }
  }

  /** An API caller authenticated by a bearer token. */
  static final class TokenAuthentication extends AbstractAuthenticationToken {
    private final String userId;

    TokenAuthentication(String userId, List<GrantedAuthority> authorities) {
      super(authorities);
      this.userId = userId;
      setAuthenticated(true);
    }

    @Override
    public Object getCredentials() {
      return null;
    }

    @Override
    public Object getPrincipal() {
      return userId;
    }
  }
}
