package cn.beijing.carboninclusion.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Checks the property keys and defaults operators rely on (plain binder, no application context). */
class CalendarPropertiesTest {

  @Test
  void defaultsWhenNothingIsConfigured() {
    CalendarProperties properties = bind(Map.of());
    assertThat(properties.holidayFile()).isNull();
    assertThat(properties.hasExternalHolidayFile()).isFalse();
    assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Shanghai"));
    assertThat(CalendarProperties.defaults()).isEqualTo(properties);
  }

  @Test
  void bindsHolidayFileAndZone() {
    CalendarProperties properties = bind(Map.of(
        "carbon-inclusion.calendar.holiday-file", "/etc/carbon-inclusion/holidays-cn.csv",
        "carbon-inclusion.calendar.zone", "Asia/Urumqi"));
    assertThat(properties.holidayFile()).isEqualTo("/etc/carbon-inclusion/holidays-cn.csv");
    assertThat(properties.hasExternalHolidayFile()).isTrue();
    assertThat(properties.zone()).isEqualTo(ZoneId.of("Asia/Urumqi"));
  }

  private static CalendarProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate(CalendarProperties.PREFIX, CalendarProperties.class);
  }
}
