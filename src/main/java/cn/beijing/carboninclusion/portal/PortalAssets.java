package cn.beijing.carboninclusion.portal;

import java.time.Duration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.CacheControl;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The portal's stylesheet and its one script (the elderly-friendly mode) are public and the same for everyone: browsers and proxies may keep it for an hour
 * ({@code Cache-Control: public, max-age=3600}). Its pages are not cached (they change with every publication), and
 * nothing of {@code /api} or {@code /engine-rest} is ever stored (docs/security.md).
 */
@Configuration
class PortalAssets implements WebMvcConfigurer {
  static final Duration STYLESHEET_MAX_AGE = Duration.ofHours(1);

  @Override
  public void addResourceHandlers(ResourceHandlerRegistry registry) {
    registry.addResourceHandler("/portal/*.css", "/portal/*.js")
        .addResourceLocations("classpath:/static/portal/")
        .setCacheControl(CacheControl.maxAge(STYLESHEET_MAX_AGE).cachePublic());
    // Apache ECharts of the statistics page, copied from npm at build time (pom.xml)
    registry.addResourceHandler("/portal/vendor/**")
        .addResourceLocations("classpath:/static/portal/vendor/")
        .setCacheControl(CacheControl.maxAge(STYLESHEET_MAX_AGE).cachePublic());
  }
}
