package cn.beijing.carboninclusion.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;

/**
 * The engine REST API's authentication ({@code /engine-rest}): a bearer token of {@link ApiTokens}, else HTTP Basic
 * as Camunda does it. Camunda's filter instantiates this class by name, so it reaches the token store through
 * {@link ApiTokens#current()}; the filter then loads the account's groups and tenants itself.
 */
public class BearerOrBasicAuthenticationProvider implements AuthenticationProvider {
  private final HttpBasicAuthenticationProvider basic = new HttpBasicAuthenticationProvider();

  @Override
  public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
    Optional<String> token = BearerTokenFilter.bearer(request);
    if (token.isEmpty()) {
      return basic.extractAuthenticatedUser(request, engine);
    }
    Optional<String> user = ApiTokens.current().flatMap(tokens -> tokens.authenticate(token.get()));
    return user.map(AuthenticationResult::successful).orElseGet(AuthenticationResult::unsuccessful);
  }

  @Override
  public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
    basic.augmentResponseByAuthenticationChallenge(response, engine);
  }
}
