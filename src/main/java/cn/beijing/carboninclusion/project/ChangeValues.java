package cn.beijing.carboninclusion.project;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;

/**
 * The new values of a change request, stored as JSON text on the change ({@code new_values}); null = unchanged.
 * {@code newDeveloperId} is the receiving organisation of a transfer, resolved from its credit code at filing.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeValues(String address, BigDecimal revenueReturnRatio, String revenuePlan, String participantScope,
    String monitoringPlan, String contactName, String contactPhone, String contactEmail,
    String newDeveloperCreditCode, Long newDeveloperId) {

  static ChangeValues of(ProjectChangeRequest r, Long newDeveloperId) {
    return new ChangeValues((String) r.value("address"), r.revenueReturnRatio(), (String) r.value("revenuePlan"),
        (String) r.value("participantScope"), (String) r.value("monitoringPlan"), (String) r.value("contactName"),
        (String) r.value("contactPhone"), (String) r.value("contactEmail"),
        (String) r.value("newDeveloperCreditCode"), newDeveloperId);
  }
}
