package cn.beijing.carboninclusion.identity;

import cn.beijing.carboninclusion.common.ForbiddenException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** The user the engine acts for in this request (set from the API's authentication). */
@Component
public class CurrentUser {
  private final IdentityService identityService;

  public CurrentUser(IdentityService identityService) {
    this.identityService = identityService;
  }

  public String id() {
    Authentication authentication = identityService.getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new ForbiddenException("需要登录 (no authenticated user)");
    }
    return authentication.getUserId();
  }

  public boolean isMemberOf(String group) {
    Authentication authentication = identityService.getCurrentAuthentication();
    List<String> groups = authentication == null ? null : authentication.getGroupIds();
    return groups != null && groups.contains(group);
  }

  /** Bureau and technical center staff see every case; developers only their own. */
  public boolean isAuthority() {
    return isMemberOf(Groups.BUREAU) || isMemberOf(Groups.TECHCENTER) || isMemberOf(Groups.ADMIN);
  }
}
