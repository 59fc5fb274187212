package cn.beijing.carboninclusion.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.beijing.carboninclusion.identity.PasswordCheck;
import cn.beijing.carboninclusion.support.PlatformIntegrationTest;
import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;

/**
 * A production start refuses the demo: the guard, given a production environment and this (demo) database, names
 * each thing that would stop it; with a clean configuration only the demo accounts remain to remove.
 */
class ProductionGuardTest extends PlatformIntegrationTest {
  @Autowired IdentityService identityService;
  @Autowired cn.beijing.carboninclusion.identity.SecondFactors secondFactors;

  @Test
  void aProductionStartOnADemoDatabaseWithTheDemoPasswordIsRefusedNamingEachProblem() {
    MockEnvironment production = new MockEnvironment().withProperty("camunda.bpm.admin-user.password", "demo");
    production.setActiveProfiles("postgres");
    ProductionGuard guard = new ProductionGuard(production, new DemoProperties(true, "demo"), identityService, secondFactors);

    assertThatThrownBy(guard::afterSingletonsInstantiated).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("carbon-inclusion.demo.enabled=true")
        .hasMessageContaining("demo accounts exist").hasMessageContaining("zhangwei")
        .hasMessageContaining("CARBON_ADMIN_PASSWORD")
        .hasMessageContaining("second-factor=required").hasMessageContaining("CARBON_ADMIN_TOTP_SECRET");

    MockEnvironment configured = new MockEnvironment()
        .withProperty("camunda.bpm.admin-user.password", "Guard-2026-strong")
        .withProperty("carbon-inclusion.security.second-factor", "required")
        .withProperty("carbon-inclusion.security.admin-totp-secret", "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP");
    configured.setActiveProfiles("postgres");
    assertThat(new ProductionGuard(configured, new DemoProperties(false, "demo"), identityService, secondFactors).problems())
        .singleElement().asString().contains("demo accounts exist");

    MockEnvironment weak = new MockEnvironment().withProperty("camunda.bpm.admin-user.password", "admin12345");
    weak.setActiveProfiles("production");
    assertThat(new ProductionGuard(weak, new DemoProperties(false, "demo"), identityService, secondFactors).problems())
        .anyMatch(p -> p.contains("breaks the password rules"));

    MockEnvironment notProduction = new MockEnvironment();
    notProduction.setActiveProfiles("test");
    new ProductionGuard(notProduction, new DemoProperties(true, "demo"), identityService, secondFactors)
        .afterSingletonsInstantiated(); // the demo and the tests start as before
  }

  @Test
  void aConfiguredPasswordIsCheckedAgainstThePlatformRules() {
    assertThat(PasswordCheck.broken("Guard-2026-strong", "admin")).isEmpty();
    assertThat(PasswordCheck.broken("short-1A", "admin")).hasSize(1);
    assertThat(PasswordCheck.broken("lowercaseonly", "admin")).hasSize(1);
    assertThat(PasswordCheck.broken("Admin-2026-pass", "admin")).as("contains the account id").hasSize(1);
    assertThat(PasswordCheck.broken(null, "admin")).isNotEmpty();
  }
}
