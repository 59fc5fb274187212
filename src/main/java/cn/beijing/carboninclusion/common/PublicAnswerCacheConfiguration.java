package cn.beijing.carboninclusion.common;

import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers {@link PublicAnswerCache} on the public answers, after Spring Security's chains (order -100), so that
 * every answer, kept or not, passes the chains and carries their security headers.
 */
@Configuration
class PublicAnswerCacheConfiguration {
  @Bean
  FilterRegistrationBean<PublicAnswerCache> publicAnswerCache(
      @Value("${carbon-inclusion.public-cache.ttl:PT5S}") Duration ttl,
      @Value("${carbon-inclusion.public-cache.max-entries:2000}") long maxEntries) {
    FilterRegistrationBean<PublicAnswerCache> registration = new FilterRegistrationBean<>(
        new PublicAnswerCache(ttl, maxEntries));
    registration.setName("public-answer-cache");
    registration.addUrlPatterns("/portal", "/portal/*", "/api/public/*");
    registration.setOrder(0);
    return registration;
  }
}
