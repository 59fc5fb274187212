package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.identity.CaseScopeCheck;
import org.springframework.stereotype.Component;

/**
 * Who may see a reduction application: the authorities every one, a developer those of its own projects (see
 * {@link ReductionApplicationService#visible}).
 */
@Component
public class ReductionApplicationScope implements CaseScopeCheck {
  public static final String KIND = "reduction-application";

  private final ReductionApplicationService applications;

  ReductionApplicationScope(ReductionApplicationService applications) {
    this.applications = applications;
  }

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public void requireVisible(long id) {
    applications.visible(id);
  }
}
