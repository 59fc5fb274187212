package cn.beijing.carboninclusion.common;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The platform's clock reads the engine's clock, so domain timestamps and process timers agree — also in
 * tests that move the engine clock forward to fire a timer.
 */
@Configuration
class ClockConfiguration {
  @Bean
  Clock clock() {
    return new EngineClock(ZoneOffset.UTC);
  }

  static final class EngineClock extends Clock {
    private final ZoneId zone;

    EngineClock(ZoneId zone) { this.zone = zone; }

    @Override public ZoneId getZone() { return zone; }

    @Override public Clock withZone(ZoneId zone) { return new EngineClock(zone); }

    @Override public Instant instant() { return ClockUtil.now().toInstant(); }
  }
}
