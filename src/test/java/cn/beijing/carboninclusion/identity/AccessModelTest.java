package cn.beijing.carboninclusion.identity;

import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The demo identity and the access model exist on PostgreSQL, and the engine enforces them. */
class AccessModelTest extends PlatformIntegrationTest {
  @Autowired IdentityService identityService;
  @Autowired AuthorizationService authorizationService;
  @Autowired FilterService filterService;

  @Test
  void everyGroupOfTheSchemeHasDemoUsers() {
    for (String group : List.of(Groups.BUREAU, Groups.TECHCENTER, Groups.EXCHANGE, Groups.DEVELOPER, Groups.ADMIN)) {
      assertThat(identityService.createUserQuery().memberOfGroup(group).count()).as(group).isPositive();
    }
    assertThat(identityService.createUserQuery().memberOfGroup(Groups.DEVELOPER).count()).isGreaterThanOrEqualTo(2);
    assertThat(identityService.checkPassword("wangfang", "demo")).isTrue();
  }

  @Test
  void aWrongPasswordFailsAndDelaysTheNextLogin() {
    // a user of its own: the engine delays the next login after a failed one
    org.camunda.bpm.engine.identity.User user = identityService.newUser("lockoutprobe");
    user.setPassword("Right-passw0rd");
    identityService.saveUser(user);
    try {
      assertThat(identityService.checkPassword("lockoutprobe", "wrong")).isFalse();
      assertThat(identityService.checkPassword("lockoutprobe", "Right-passw0rd")).isFalse();
    } finally {
      identityService.deleteUser("lockoutprobe");
    }
  }

  @Test
  void applicationsAreOpenOnlyToTheGroupsThatUseThem() {
    assertThat(allowed("zhangwei", Groups.BUREAU, "cockpit")).isTrue();
    assertThat(allowed("zhangwei", Groups.BUREAU, "tasklist")).isTrue();
    assertThat(allowed("wangfang", Groups.TECHCENTER, "tasklist")).isTrue();
    assertThat(allowed("wangfang", Groups.TECHCENTER, "cockpit")).isFalse();
    assertThat(allowed("greentravel", Groups.DEVELOPER, "cockpit")).isFalse();
    assertThat(allowed("greentravel", Groups.DEVELOPER, "admin")).isFalse();
  }

  @Test
  void developersCannotStartOrReadProcessesThroughTheEngine() {
    // developers act through the platform API, which checks the case is their own
    assertThat(authorizationService.isUserAuthorized("greentravel", List.of(Groups.DEVELOPER),
        ProcessDefinitionPermissions.CREATE_INSTANCE, Resources.PROCESS_DEFINITION, "ProjectRegistration")).isFalse();
    assertThat(authorizationService.isUserAuthorized("greentravel", List.of(Groups.DEVELOPER),
        Permissions.CREATE, Resources.PROCESS_INSTANCE, "*")).isFalse();
    assertThat(authorizationService.isUserAuthorized("greentravel", List.of(Groups.DEVELOPER),
        ProcessDefinitionPermissions.READ_INSTANCE, Resources.PROCESS_DEFINITION, "ProjectRegistration")).isFalse();
  }

  @Test
  void eachGroupReadsItsOwnTasklistFilter() {
    Filter tech = filterService.createFilterQuery().filterName("技术中心待办").singleResult();
    Filter bureau = filterService.createFilterQuery().filterName("生态环境局待办").singleResult();
    Filter mine = filterService.createFilterQuery().filterName("我的待办").singleResult();
    assertThat(readable("wangfang", Groups.TECHCENTER, tech)).isTrue();
    assertThat(readable("wangfang", Groups.TECHCENTER, bureau)).isFalse();
    assertThat(readable("zhangwei", Groups.BUREAU, bureau)).isTrue();
    assertThat(readable("zhangwei", Groups.BUREAU, tech)).isFalse();
    assertThat(readable("greentravel", Groups.DEVELOPER, mine)).isTrue();
    assertThat(readable("greentravel", Groups.DEVELOPER, tech)).isFalse();
    Filter offered = filterService.createFilterQuery().filterName("本单位待办").singleResult();
    assertThat(readable("greentravel", Groups.DEVELOPER, offered)).isTrue();
    assertThat(readable("zhangwei", Groups.BUREAU, offered)).isFalse();
  }

  private boolean allowed(String user, String group, String application) {
    return authorizationService.isUserAuthorized(user, List.of(group), Permissions.ACCESS, Resources.APPLICATION,
        application);
  }

  private boolean readable(String user, String group, Filter filter) {
    return authorizationService.isUserAuthorized(user, List.of(group), Permissions.READ, Resources.FILTER,
        filter.getId());
  }
}
