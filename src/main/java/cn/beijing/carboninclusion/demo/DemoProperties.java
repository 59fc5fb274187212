package cn.beijing.carboninclusion.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code carbon-inclusion.demo.*}: whether to seed demo users and data, and the demo users' password. */
@ConfigurationProperties(prefix = "carbon-inclusion.demo")
public record DemoProperties(boolean enabled, String password) {
  public DemoProperties {
    if (password == null || password.isBlank()) {
      password = "demo";
    }
  }
}
