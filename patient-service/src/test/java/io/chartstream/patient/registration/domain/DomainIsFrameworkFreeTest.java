package io.chartstream.patient.registration.domain;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The MPI's decisions stay plain Java: no Quarkus, Jakarta, HAPI FHIR, Jackson or JDBC in the domain. */
class DomainIsFrameworkFreeTest {

    private final JavaClasses domain = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.chartstream.patient.registration.domain");

    @Test
    void domainDependsOnNoFramework() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "jakarta..", "javax..", "ca.uhn..", "org.hl7..", "com.fasterxml..",
                        "java.sql..", "io.chartstream.eventsourcing..", "io.chartstream.fhir..")
                .check(domain);
    }
}
