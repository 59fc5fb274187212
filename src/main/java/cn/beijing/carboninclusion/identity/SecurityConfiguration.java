package cn.beijing.carboninclusion.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Who may call what.
 * <ul>
 *   <li>{@code /api/**}: the platform API, a bearer token ({@link ApiTokens}) or HTTP Basic against the Camunda
 *       identity, stateless;
 *       {@code /api/public/**} (the disclosure data) is open to everyone.</li>
 *   <li>{@code /engine-rest/**}: the engine REST API, HTTP Basic through Camunda's own authentication filter,
 *       so the engine's authorizations apply; never anonymous.</li>
 *   <li>{@code /camunda/**}: Tasklist, Cockpit and Admin, which log users in with their own session and
 *       CSRF protection.</li>
 *   <li>{@code /actuator/**}: health and info are public (probes); Prometheus and metrics need HTTP Basic credentials
 *       of a member of {@code carbon-inclusion.kpi.scrape-groups} (default camunda-admin, monitoring), unless
 *       {@code carbon-inclusion.kpi.prometheus-open=true} opens the Prometheus scrape (docs/kpi.md).</li>
 *   <li>{@code /portal/**}: the public disclosure portal, anonymous and stateless; its one form (objections) carries
 *       a CSRF token from a cookie; a content security policy allows nothing from outside the platform.</li>
 * </ul>
 */
@Configuration
@EnableMethodSecurity
public class SecurityConfiguration {
  /** No address of the platform (a case id, a query) leaks to another site through the Referer header. */
  static final ReferrerPolicyHeaderWriter.ReferrerPolicy REFERRER_POLICY =
      ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN;
  private static final Set<String> STANDARD_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE",
      "OPTIONS");

  @Bean
  @Order(1)
  SecurityFilterChain platformApi(HttpSecurity http, IdentityService identityService,
      CamundaIdentityAuthenticationProvider identityProvider, ObjectMapper json, ApiTokens tokens) throws Exception {
    http.securityMatcher("/api/**")
        .authorizeHttpRequests(auth -> auth
            .requestMatchers("/api/public/**").permitAll()
            // anyone may object to a project in publicity (公示期异议), without an account
            .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/projects/*/objections").permitAll()
            // anyone may comment on a methodology in public comment (征求意见)
            .requestMatchers(org.springframework.http.HttpMethod.POST, "/api/methodologies/*/comments").permitAll()
            .anyRequest().authenticated());
    statelessBasic(http, identityProvider, json)
        // a bearer token of ApiTokens, else HTTP Basic
        .addFilterBefore(new BearerTokenFilter(tokens, identityService, (request, response, e) ->
                writeProblem(response, json, HttpStatus.UNAUTHORIZED,
                    "客户端令牌无效、已过期或已撤销 (invalid, expired or revoked token)")),
            org.springframework.security.web.authentication.www.BasicAuthenticationFilter.class)
        .addFilterAfter(new EngineAuthenticationFilter(identityService), AuthorizationFilter.class);
    return http.build();
  }

  /** Actuator: public probes, protected metrics (the KPI gauges tell who is behind with what). */
  @Bean
  @Order(2)
  SecurityFilterChain actuator(HttpSecurity http, CamundaIdentityAuthenticationProvider identityProvider,
      MetricsAccess kpi, ObjectMapper json) throws Exception {
    String[] scrapers = kpi.scrapeGroups().stream().map(Groups::authority).toArray(String[]::new);
    http.securityMatcher("/actuator/**")
        .authorizeHttpRequests(auth -> {
          auth.requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
          if (kpi.prometheusOpen()) {
            auth.requestMatchers("/actuator/prometheus").permitAll();
          }
          auth.anyRequest().hasAnyAuthority(scrapers);
        });
    statelessBasic(http, identityProvider, json);
    return http.build();
  }

  /**
   * What the firewall refuses before any chain (an encoded slash, dot or percent, {@code //}, {@code ;}, a NUL, a
   * method that is none of HTTP's usual ones) is answered with a problem body: 405 for the method, else 400.
   */
  @Bean
  RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
    return (request, response, rejected) -> {
      if (!STANDARD_METHODS.contains(request.getMethod())) {
        writeProblem(response, json, HttpStatus.METHOD_NOT_ALLOWED, "不支持该请求方法 (method not allowed)");
      } else {
        writeProblem(response, json, HttpStatus.BAD_REQUEST, "请求地址无效 (the request's address is refused)");
      }
    };
  }

  /** The only authentication provider: Camunda's identity (no generated default user exists). */
  @Bean
  CamundaIdentityAuthenticationProvider camundaIdentityAuthenticationProvider(IdentityService identityService) {
    return new CamundaIdentityAuthenticationProvider(identityService);
  }

  /**
   * The disclosure portal: everyone may read it and object through its form. No login and no session; the form's
   * CSRF token travels in a cookie (double submit), so a foreign site cannot post objections in a visitor's name.
   */
  @Bean
  @Order(3)
  SecurityFilterChain disclosurePortal(HttpSecurity http) throws Exception {
    http.securityMatcher("/portal", "/portal/**")
        .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.csrfTokenRepository(new CookieCsrfTokenRepository()))
        .headers(h -> h
            .frameOptions(f -> f.deny())
            .referrerPolicy(r -> r.policy(REFERRER_POLICY))
            .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                + "style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
                + "base-uri 'self'")))
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .anonymous(a -> {});
    return http.build();
  }

  /** Camunda's webapps and engine REST API authenticate on their own; the docs are public. */
  @Bean
  @Order(4)
  SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
        .csrf(AbstractHttpConfigurer::disable)
        .headers(h -> h.frameOptions(f -> f.sameOrigin()).referrerPolicy(r -> r.policy(REFERRER_POLICY)))
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable);
    return http.build();
  }

  /** The security audit's view of every answer: refusals and webapp logouts (identity.SecurityAuditFilter). */
  @Bean
  FilterRegistrationBean<SecurityAuditFilter> securityAuditFilter(
      org.springframework.beans.factory.ObjectProvider<cn.beijing.carboninclusion.common.SecurityAudit> audit) {
    FilterRegistrationBean<SecurityAuditFilter> registration = new FilterRegistrationBean<>(
        new SecurityAuditFilter(audit));
    registration.setName("security-audit");
    registration.addUrlPatterns("/api/*", "/engine-rest/*", "/camunda/api/*", "/actuator/*");
    // after Spring's RequestContextFilter (-105: the address is known), before Spring Security's chain (-100)
    registration.setOrder(-104);
    return registration;
  }

  /**
   * The engine REST API requires a bearer token ({@link ApiTokens}) or HTTP Basic credentials of a Camunda user; the
   * engine then checks authorizations.
   */
  @Bean
  FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("camunda-engine-rest-auth");
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        BearerOrBasicAuthenticationProvider.class.getName());
    registration.setOrder(101);
    return registration;
  }

  /**
   * {@code Cache-Control: no-store} and {@code Pragma: no-cache} on every answer of {@code /api} and
   * {@code /engine-rest} (before Spring Security's chain, so its refusals carry them too).
   */
  @Bean
  FilterRegistrationBean<NoStoreAnswers> noStoreAnswers() {
    FilterRegistrationBean<NoStoreAnswers> registration = new FilterRegistrationBean<>(new NoStoreAnswers());
    registration.setName("carbon-inclusion-no-store");
    registration.addUrlPatterns("/api/*", "/engine-rest/*");
    registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  private static void writeProblem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String detail)
      throws java.io.IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    if (status == HttpStatus.UNAUTHORIZED) {
      response.setHeader("WWW-Authenticate", "Basic realm=\"carbon-inclusion\"");
    }
    json.writeValue(response.getOutputStream(), Map.of("type", problem.getType().toString(),
        "title", status.getReasonPhrase(), "status", status.value(), "detail", detail));
  }

  /** HTTP Basic against the Camunda identity, stateless, problem bodies for 401 and 403, no CSRF (no cookies). */
  private static HttpSecurity statelessBasic(HttpSecurity http, CamundaIdentityAuthenticationProvider identityProvider,
      ObjectMapper json) throws Exception {
    return http.httpBasic(basic -> basic.realmName("carbon-inclusion")
            .authenticationEntryPoint((request, response, e) -> writeProblem(response, json, HttpStatus.UNAUTHORIZED,
                "需要登录 (authentication required)")))
        .exceptionHandling(ex -> ex
            .authenticationEntryPoint((request, response, e) -> writeProblem(response, json, HttpStatus.UNAUTHORIZED,
                "需要登录 (authentication required)"))
            .accessDeniedHandler((request, response, e) -> writeProblem(response, json, HttpStatus.FORBIDDEN,
                "无权执行该操作 (not permitted)")))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(AbstractHttpConfigurer::disable)
        // JSON answers: nothing to load, never framed, never cached (Spring Security adds no-store and nosniff)
        .headers(h -> h.frameOptions(f -> f.deny()).referrerPolicy(r -> r.policy(REFERRER_POLICY))
            .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")))
        // one manager with one provider and no parent: the global manager holds the same provider, and a parent
        // would check a wrong password a second time — two failures counted toward the lockout for one request
        .authenticationManager(new org.springframework.security.authentication.ProviderManager(identityProvider));
  }
}
