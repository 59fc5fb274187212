package cn.beijing.carboninclusion.registry;

/**
 * Who held a project: the one fact about projects the registry needs, to accept issuances of a registration number to
 * a developer other than the first one's. A port: the ledger knows units and accounts, not applications; the project
 * capability implements it from its versions.
 */
public interface ProjectHolders {
  /** Whether the developer holds or held the project in some version (an approved transfer). */
  boolean heldBy(Long projectId, Long developerId);
}
