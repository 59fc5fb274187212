package cn.beijing.carboninclusion.project;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ProjectRulesConfiguration {
  @Bean
  ProjectRules projectRules() {
    return new ProjectRules();
  }
}
