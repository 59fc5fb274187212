package cn.beijing.carboninclusion.supervision;

import cn.beijing.carboninclusion.developer.DeveloperMember;
import cn.beijing.carboninclusion.developer.DeveloperMembers;
import cn.beijing.carboninclusion.developer.DeveloperOrganisation;
import cn.beijing.carboninclusion.developer.DeveloperService;
import cn.beijing.carboninclusion.project.Project;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** The variables every supervision process of a project starts with: the case facts and the developer's accounts. */
@Component
class SupervisedProjects {
  private final DeveloperService developers;
  private final DeveloperMembers members;

  SupervisedProjects(DeveloperService developers, DeveloperMembers members) {
    this.developers = developers;
    this.members = members;
  }

  Map<String, Object> caseVariables(Project project) {
    DeveloperOrganisation developer = developers.get(project.getDeveloperId());
    Map<String, Object> variables = new HashMap<>();
    variables.put("projectId", project.getId());
    variables.put("developerId", developer.getId());
    variables.put("developerAccounts", developerAccounts(developer.getId()));
    variables.put("projectName", project.getName());
    variables.put("developerName", developer.getName());
    variables.put("registrationNo", project.getRegistrationNo());
    return variables;
  }

  /** The user ids of the developer organisation's accounts, the candidate users of its tasks. */
  List<String> developerAccounts(Long developerId) {
    return members.findByOrganisationId(developerId).stream().map(DeveloperMember::getUserId).toList();
  }
}
