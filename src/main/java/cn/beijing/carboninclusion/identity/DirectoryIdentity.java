package cn.beijing.carboninclusion.identity;

import org.camunda.bpm.engine.impl.plugin.AdministratorAuthorizationPlugin;
import org.camunda.bpm.identity.impl.ldap.plugin.LdapIdentityProviderPlugin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * Directory identity (profile {@code ldap}, docs/operations.md "目录身份 / LDAP directory identity"): users, groups and
 * memberships come from the organisation's LDAP directory through Camunda's LDAP identity provider, read-only. Its
 * properties are those of Camunda's {@link LdapIdentityProviderPlugin}, under {@code carbon-inclusion.ldap}
 * (application-ldap.yml).
 *
 * <p>The group mapping is the directory's: a directory group that grants a role of the platform carries the platform's
 * group id ({@code bureau}, {@code techcenter}, …, {@link Groups}) in an attribute — {@code businessCategory} by
 * default, named by {@code group-id-attribute} — and keeps its own name ({@code cn}, e.g. 生态环境局审批处); groups
 * without it are not the platform's and are not read; each platform id must be carried by one group ({@link AccessModel}
 * stops the start naming the missing ones). So the directory's administrators decide who holds which role where they
 * decide everything else about the account, and the platform needs no table of names that could disagree.
 *
 * <p>What stays the platform's: authorizations, the lockout ({@link DirectoryLockout}), the second factor
 * ({@link SecondFactors}), 三员分立 (checked at every login, {@link IdentityRules}) and the link of developer accounts
 * to their organisations.
 */
@Configuration(proxyBeanMethods = false)
@Profile("ldap")
class DirectoryIdentity {

  @Bean
  @ConfigurationProperties("carbon-inclusion.ldap")
  LdapIdentityProviderPlugin ldapIdentityProviderPlugin() {
    return new LdapIdentityProviderPlugin();
  }

  /**
   * The directory's {@code camunda-admin} group (the system administrator of 三员分立) holds every permission, as the
   * start-up administrator of the platform's own accounts does: Camunda's admin-user creation writes nothing when the
   * account already exists, which under the directory it must.
   */
  @Bean
  AdministratorAuthorizationPlugin administratorAuthorizationPlugin() {
    AdministratorAuthorizationPlugin plugin = new AdministratorAuthorizationPlugin();
    plugin.setAdministratorGroupName(Groups.ADMIN);
    return plugin;
  }
}
