package cn.beijing.carboninclusion.reduction;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ReductionRulesConfiguration {
  @Bean
  ReductionRules reductionRules(ReductionSettings settings) {
    return new ReductionRules(settings);
  }
}
