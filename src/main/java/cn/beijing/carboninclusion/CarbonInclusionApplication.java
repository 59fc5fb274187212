package cn.beijing.carboninclusion;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Beijing carbon inclusion (碳普惠) platform: Camunda 7 engine, webapps, platform API and disclosure. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@EnableAsync
public class CarbonInclusionApplication {

  public static void main(String[] args) {
    SpringApplication.run(CarbonInclusionApplication.class, args);
  }
}
