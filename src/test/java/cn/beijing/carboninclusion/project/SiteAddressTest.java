package cn.beijing.carboninclusion.project;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The normalisation of a site's district and address (docs/processes/project-registration.md, 地点的比对). */
class SiteAddressTest {

  @Test
  void theWaysOfWritingOneSiteGiveOneKey() {
    String key = SiteAddress.key("海淀区", "中关村大街27号");
    assertThat(key).isEqualTo("海淀|中关村大街27号");
    assertThat(SiteAddress.key("海淀", "中关村大街 27 号")).isEqualTo(key);
    assertThat(SiteAddress.key("北京市海淀区", "北京市海淀区中关村大街２７号")).isEqualTo(key);
    assertThat(SiteAddress.key("海淀区", "中国北京市海淀区 中关村大街　27号楼")).isEqualTo(key);
    assertThat(SiteAddress.key("海淀区", "中关村大街二十七号")).isEqualTo(key);
    assertThat(SiteAddress.key("海淀区", "中关村大街27栋")).isEqualTo(key);
    assertThat(SiteAddress.key("海淀区", "中关村大街27")).isEqualTo(key);
    assertThat(SiteAddress.key("海淀区", "中关村大街27号3层301室")).isEqualTo(key);
    assertThat(SiteAddress.key("海淀区", "中关村大街（27号）")).isEqualTo(key);
  }

  @Test
  void otherSitesStayApart() {
    String key = SiteAddress.key("海淀区", "中关村大街27号");
    assertThat(SiteAddress.key("朝阳区", "中关村大街27号")).isNotEqualTo(key);
    assertThat(SiteAddress.key("海淀区", "中关村大街28号")).isNotEqualTo(key);
    assertThat(SiteAddress.key("海淀区", "中关村大街2-7号")).isEqualTo("海淀|中关村大街2-7号").isNotEqualTo(key);
    assertThat(SiteAddress.key("海淀区", "1号院3号楼")).isEqualTo("海淀|1号3号")
        .isNotEqualTo(SiteAddress.key("海淀区", "1号院5号楼"));
    // a street that begins with its district's name keeps it
    assertThat(SiteAddress.key("天河区", "天河路385号")).isEqualTo("天河|天河路385号");
    assertThat(SiteAddress.key("海淀区", null)).isNull();
    assertThat(SiteAddress.key("海淀区", "  ")).isNull();
  }

  @Test
  void chineseNumerals() {
    assertThat(SiteAddress.chineseNumber("二十七")).isEqualTo(27);
    assertThat(SiteAddress.chineseNumber("十")).isEqualTo(10);
    assertThat(SiteAddress.chineseNumber("一百零五")).isEqualTo(105);
    assertThat(SiteAddress.chineseNumber("两千")).isEqualTo(2000);
    assertThat(SiteAddress.chineseNumber("二〇二")).isEqualTo(202);
  }

  @Test
  void distances() {
    BigDecimal lat = new BigDecimal("39.9000000");
    BigDecimal lon = new BigDecimal("116.3000000");
    assertThat(SiteAddress.metresBetween(lat, lon, new BigDecimal("39.9009000"), lon)).isBetween(99.0, 101.0);
    assertThat(SiteAddress.metresBetween(lat, lon, lat, new BigDecimal("116.3011700"))).isBetween(99.0, 101.0);
    assertThat(SiteAddress.latitudeDegrees(100)).isBetween(0.00089, 0.00091);
    assertThat(SiteAddress.longitudeDegrees(100, 39.9)).isBetween(0.00116, 0.00118);
  }
}
