package cn.beijing.carboninclusion.reduction;

import cn.beijing.carboninclusion.common.CheckResult;

/**
 * Hook for the audit report obligations of a project (审计报告, Chapter 5): whether its revenue audit reports are
 * filed and accepted. The supervision capability implements it (an overdue or rejected report not yet settled by a
 * passed rectification fails the application).
 */
public interface AuditObligations {
  String CHECK_NAME = "核查审计报告义务";

  CheckResult check(Long projectId);
}
