package cn.beijing.carboninclusion.registry;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the registry ({@code carbon-inclusion.registry.*}), documented in docs/registry.md.
 *
 * @param etsOffsetMaxShare the largest share of its verified annual emissions a Beijing ETS covered entity may offset
 *     with carbon inclusion reductions in one compliance year, default 0.05 (DOMAIN.md); key
 *     {@code carbon-inclusion.registry.ets-offset-max-share}
 */
@ConfigurationProperties(prefix = "carbon-inclusion.registry")
public record RegistryProperties(@DefaultValue("0.05") BigDecimal etsOffsetMaxShare) {

  public RegistryProperties {
    if (etsOffsetMaxShare == null || etsOffsetMaxShare.signum() < 0 || etsOffsetMaxShare.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException(
          "carbon-inclusion.registry.ets-offset-max-share must lie in [0, 1], was " + etsOffsetMaxShare);
    }
  }
}
