package cn.beijing.carboninclusion.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import cn.beijing.carboninclusion.CarbonInclusionApplication;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The platform's capabilities as Spring Modulith modules (one per top-level package): no cycle between them, no use
 * of another module's internals, and the directions the domain gives (docs/architecture.md). Writes the module
 * diagrams and canvases into {@code docs/architecture/}.
 */
class ModularityTest {
  static final String BASE = "cn.beijing.carboninclusion.";
  static final ApplicationModules MODULES = ApplicationModules.of(CarbonInclusionApplication.class);
  static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("cn.beijing.carboninclusion");

  @Test
  void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
    System.out.println("modules: " + MODULES.stream().map(ApplicationModule::getName).toList());
    assertThat(MODULES.stream().count()).isGreaterThanOrEqualTo(17);
    MODULES.verify();
  }

  @Test
  void aMethodologyKnowsNothingOfItsProjects() {
    noClasses().that().resideInAPackage(BASE + "methodology").should().dependOnClassesThat()
        .resideInAnyPackage(BASE + "project", BASE + "reduction", BASE + "supervision", BASE + "registry")
        .check(CLASSES);
  }

  @Test
  void theLedgerKnowsUnitsAndAccountsNotApplications() {
    noClasses().that().resideInAPackage(BASE + "registry").should().dependOnClassesThat()
        .resideInAnyPackage(BASE + "project", BASE + "reduction", BASE + "methodology", BASE + "supervision",
            BASE + "certificate", BASE + "portal", BASE + "kpi")
        .check(CLASSES);
  }

  @Test
  void theDisclosureFeedIsWrittenByItsListenerAndKnowsNoCapability() {
    noClasses().that().resideInAPackage(BASE + "disclosure").should().dependOnClassesThat()
        .resideInAnyPackage(BASE + "project", BASE + "methodology", BASE + "reduction", BASE + "supervision",
            BASE + "registry", BASE + "developer")
        .check(CLASSES);
    noClasses().that().resideOutsideOfPackage(BASE + "disclosure").should().dependOnClassesThat()
        .haveFullyQualifiedName(BASE + "disclosure.DisclosureEntries").check(CLASSES);
  }

  @Test
  void theCapabilitiesThatTakeFilingsAskTheDevelopersBarsNotSupervision() {
    noClasses().that().resideInAnyPackage(BASE + "project", BASE + "methodology", BASE + "reduction")
        .should().dependOnClassesThat().resideInAPackage(BASE + "supervision").check(CLASSES);
  }

  @Test
  void writesTheModuleDiagramsAndCanvases() {
    new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder("docs/architecture"))
        .writeModulesAsPlantUml()
        .writeIndividualModulesAsPlantUml()
        .writeModuleCanvases();
  }
}
