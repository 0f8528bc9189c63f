package fr.cartesagents.ca.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The CA engine's packages form a layered graph: no package reaches back to one that depends on it. */
@AnalyzeClasses(packages = "fr.cartesagents.ca", importOptions = ImportOption.DoNotIncludeTests.class)
class CaCoreArchitectureTest {

    /** Each package (sub-packages included as their own slice) is a slice; no slice cycle. */
    @ArchTest
    static final ArchRule noPackageCycle = slices().matching("fr.cartesagents.ca.(**)").should().beFreeOfCycles();
}
