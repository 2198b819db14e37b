package org.prioritytracker.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The house's dependency rules, checked on a service's compiled classes and the libs beside them
 * (ArchUnit): the service's feature folders depend on each other one way only (no cycles), and no
 * lib depends on the service. That no service uses another's code the build already ensures: none
 * has another on its class path.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {}

    /** @param servicePackage the service's root package, for example {@code org.prioritytracker.task} */
    public static void check(String servicePackage) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.prioritytracker");
        slices().matching(servicePackage + ".(*)..")
                .as("the feature folders of " + servicePackage)
                .should()
                .beFreeOfCycles()
                .check(classes);
        noClasses()
                .that()
                .resideOutsideOfPackage(servicePackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(servicePackage + "..")
                .as("no lib depends on " + servicePackage)
                .check(classes);
    }
}
