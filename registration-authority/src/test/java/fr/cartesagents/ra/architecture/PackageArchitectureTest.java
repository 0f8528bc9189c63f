package fr.cartesagents.ra.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The registration authority's package rules (docs/architecture.md, "How a feature is written"):
 * no package depends back on a package that depends on it, and services never see HTTP (they take
 * typed commands from the web kit).
 */
@AnalyzeClasses(packages = "fr.cartesagents.ra", importOptions = ImportOption.DoNotIncludeTests.class)
class PackageArchitectureTest {

    /** Every package is its own slice ({@code audit} and {@code audit.checkpoint} too). */
    @ArchTest
    static final ArchRule noPackageCycle = slices().matching("fr.cartesagents.ra.(**)").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule servicesDoNotSeeHttp = noClasses()
            .that().haveSimpleNameEndingWith("Service").and().resideInAPackage("fr.cartesagents.ra..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.http..", "org.springframework.web..",
                    "org.springframework.http.server..")
            .because("services take typed commands (web.VersionedChange, records); controllers and the web kit speak HTTP");
}
