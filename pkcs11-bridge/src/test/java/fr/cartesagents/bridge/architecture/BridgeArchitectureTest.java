package fr.cartesagents.bridge.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The workstation bridge: no package cycle, and nothing of the key-ceremony CLI (an operator tool of
 * the CA) on an agent's workstation; what both need lives in a ca-core library package.
 */
@AnalyzeClasses(packages = "fr.cartesagents.bridge", importOptions = ImportOption.DoNotIncludeTests.class)
class BridgeArchitectureTest {

    @ArchTest
    static final ArchRule noPackageCycle = slices().matching("fr.cartesagents.bridge.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule noKeyCeremonyCode = noClasses().that().resideInAPackage("fr.cartesagents.bridge..")
            .should().dependOnClassesThat().resideInAPackage("fr.cartesagents.ca.ceremony..");
}
