package io.chartstream.clinical.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The domain is plain Java: no Quarkus, Jakarta, HAPI FHIR, Jackson or event-store types. */
class DomainIsFrameworkFreeTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.chartstream.clinical");

    @Test
    void domainDependsOnNoFramework() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "javax..", "ca.uhn..", "org.hl7..", "com.fasterxml..",
                        "io.chartstream.eventsourcing..", "io.chartstream.fhir..", "org.eclipse..")
                .check(CLASSES);
    }

    @Test
    void domainDependsOnNoOuterLayer() {
        noClasses().that().resideInAPackage("..domain..")
                .should().dependOnClassesThat().resideInAnyPackage("..application..", "..infrastructure..", "..web..")
                .check(CLASSES);
    }
}
