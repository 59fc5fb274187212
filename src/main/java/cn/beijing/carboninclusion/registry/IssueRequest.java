package cn.beijing.carboninclusion.registry;

/**
 * What the reduction process asks the registry to issue: {@code quantity} tCO2e of a project's vintage for one
 * approved reduction application.
 *
 * @param applicationId the reduction application (issued at most once)
 * @param projectId the project
 * @param projectRegistrationNo its registration number {@code BJCI-P-{year}-{seq}}
 * @param developerId the developer organisation whose account receives the units
 * @param vintageYear the year the reductions were generated in
 * @param quantity whole tCO2e, at least 1
 * @param decisionsHead the head of the case's SM3 chain of recorded decisions (decision.Decisions.Trail#head), which
 *     the journal entry records so that the signed journal covers the decisions behind the issuance; null when the
 *     issuance has no case (tests, fixtures)
 */
public record IssueRequest(Long applicationId, Long projectId, String projectRegistrationNo, Long developerId,
    int vintageYear, long quantity, String decisionsHead) {

  public IssueRequest(Long applicationId, Long projectId, String projectRegistrationNo, Long developerId,
      int vintageYear, long quantity) {
    this(applicationId, projectId, projectRegistrationNo, developerId, vintageYear, quantity, null);
  }
}
