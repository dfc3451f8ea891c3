package com.marquee.booking;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The package direction of STYLE.md, enforced on the main code (plain JUnit, no Quarkus):
 * <pre>
 *   common &lt;- integration &lt;- showtime &lt;- seat &lt;- booking -&gt; payment
 *                        \&lt;- events &lt;-------------/
 *   scheduler -&gt; booking, events          (nothing depends on scheduler)
 * </pre>
 * Each rule names what a package may use, so a violation says which arrow was drawn the wrong way.
 */
class ArchitectureTest {

    private static final String ROOT = "com.marquee.booking";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching(ROOT + ".(*)..").namingSlices("package '$1'")
                .should().beFreeOfCycles()
                .because("a cycle between feature packages means neither can be understood or changed alone")
                .check(MAIN);
    }

    @Test
    void featurePackagesDependOnlyInTheDrawnDirection() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("common").definedBy(ROOT + ".common..")
                .layer("integration").definedBy(ROOT + ".integration..")
                .layer("showtime").definedBy(ROOT + ".showtime..")
                .layer("seat").definedBy(ROOT + ".seat..")
                .layer("payment").definedBy(ROOT + ".payment..")
                .layer("events").definedBy(ROOT + ".events..")
                .layer("booking").definedBy(ROOT + ".booking..")
                .layer("scheduler").definedBy(ROOT + ".scheduler..")
                // dev mode's demo data: may use any package, and nothing may use it
                .layer("dev").definedBy(ROOT + ".dev..")

                .whereLayer("common").mayNotAccessAnyLayer()
                .whereLayer("integration").mayOnlyAccessLayers("common")
                .whereLayer("showtime").mayOnlyAccessLayers("common", "integration")
                .whereLayer("seat").mayOnlyAccessLayers("common", "integration", "showtime")
                // a payment knows its booking only by id
                .whereLayer("payment").mayOnlyAccessLayers("common", "integration")
                .whereLayer("events").mayOnlyAccessLayers("common", "integration")
                .whereLayer("booking")
                .mayOnlyAccessLayers("common", "integration", "showtime", "seat", "payment", "events")
                .whereLayer("scheduler").mayNotBeAccessedByAnyLayer()
                .whereLayer("dev").mayNotBeAccessedByAnyLayer()
                .because("STYLE.md draws common <- integration <- showtime <- seat <- booking -> payment,"
                        + " common <- integration <- events <- booking, scheduler -> booking and events;"
                        + " dev (demo data) sits on top of everything")
                .check(MAIN);
    }

    @Test
    void everyClassLivesInAPackageTheRulesKnow() {
        classes().should().resideInAnyPackage(ROOT + ".common..", ROOT + ".integration..", ROOT + ".showtime..",
                ROOT + ".seat..", ROOT + ".payment..", ROOT + ".events..", ROOT + ".booking..", ROOT + ".scheduler..",
                ROOT + ".dev..")
                .because("a new top-level package must be given its place in ArchitectureTest's direction")
                .check(MAIN);
    }
}
