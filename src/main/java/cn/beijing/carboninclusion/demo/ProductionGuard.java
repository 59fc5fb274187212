package cn.beijing.carboninclusion.demo;

import cn.beijing.carboninclusion.identity.PasswordCheck;
import cn.beijing.carboninclusion.identity.SecondFactors;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * A production start (the {@code postgres} or {@code production} profile) refuses to serve with what only a demo may
 * have: the demo switched on, any demo account in the database, an administrator password that is the demo one,
 * empty, or against the platform's password rules (unless a directory holds it, profile {@code ldap}), a second
 * factor that is not required of staff, or an administrator without one. It stops before the web server opens,
 * naming each problem.
 */
@Component
class ProductionGuard implements SmartInitializingSingleton {
  static final Profiles PRODUCTION = Profiles.of("postgres", "production");

  private final Environment environment;
  private final DemoProperties demo;
  private final IdentityService identityService;
  private final SecondFactors secondFactors;

  ProductionGuard(Environment environment, DemoProperties demo, IdentityService identityService,
      SecondFactors secondFactors) {
    this.environment = environment;
    this.demo = demo;
    this.identityService = identityService;
    this.secondFactors = secondFactors;
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (!environment.acceptsProfiles(PRODUCTION)) {
      return;
    }
    List<String> problems = problems();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("生产环境拒绝启动 (a production start is refused): " + String.join("; ", problems));
    }
  }

  /** What stops a production start; empty when nothing does. */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (demo.enabled()) {
      problems.add("演示数据已开启 (carbon-inclusion.demo.enabled=true)");
    }
    List<String> present = DemoSeeder.USERS.stream().map(DemoSeeder.DemoUser::id)
        .filter(id -> identityService.createUserQuery().userId(id).count() > 0).toList();
    if (!present.isEmpty()) {
      problems.add("存在演示账号 (demo accounts exist): " + present);
    }
    String adminId = environment.getProperty("camunda.bpm.admin-user.id", "admin");
    String adminPassword = environment.getProperty("camunda.bpm.admin-user.password");
    if (identityService.isReadOnly()) {
      // a directory (profile ldap) holds the administrator's password and its rules; the platform never sets it
    } else if (adminPassword == null || adminPassword.isBlank() || adminPassword.equals(demo.password())
        || adminPassword.equals("demo")) {
      problems.add("管理员密码为空或为演示密码 (set CARBON_ADMIN_PASSWORD)");
    } else {
      List<String> broken = PasswordCheck.broken(adminPassword, adminId);
      if (!broken.isEmpty()) {
        problems.add("管理员密码不符合要求 (CARBON_ADMIN_PASSWORD breaks the password rules): " + broken);
      }
    }
    if (!"required".equals(environment.getProperty("carbon-inclusion.security.second-factor"))) {
      problems.add("工作人员动态口令未设为必需 (set carbon-inclusion.security.second-factor=required)");
    }
    if (!secondFactors.confirmed(adminId) && isBlank(environment.getProperty(
        "carbon-inclusion.security.admin-totp-secret"))) {
      problems.add("管理员未启用动态口令 (set CARBON_ADMIN_TOTP_SECRET, the administrator's second factor)");
    }
    return problems;
  }

  private static boolean isBlank(String text) {
    return text == null || text.isBlank();
  }
}
