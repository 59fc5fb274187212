package cn.beijing.carboninclusion.reduction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;

/** The aggregate activity records stored on an application (JSON), as the formula reads them. */
final class ReductionActivities {
  private static final ObjectMapper JSON = new ObjectMapper();

  static List<Map<String, Object>> of(ReductionApplication application) {
    if (application.getActivities() == null || application.getActivities().isBlank()) {
      return List.of();
    }
    try {
      return JSON.readValue(application.getActivities(), new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored activities of application " + application.getId() + " unreadable", e);
    }
  }

  private ReductionActivities() {}
}
