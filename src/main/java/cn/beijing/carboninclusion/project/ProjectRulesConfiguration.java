package cn.beijing.carboninclusion.project;

import cn.beijing.carboninclusion.common.SchemeRules;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ProjectRulesConfiguration {
  @Bean
  ProjectRules projectRules(SchemeRules rules) {
    return new ProjectRules(rules);
  }
}
