package io.chartstream.portal;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The record model stays plain Java: no Quarkus, Jakarta, JDBC, Kafka or FHIR types in it. */
@AnalyzeClasses(packages = "io.chartstream.portal", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule recordModelIsFrameworkFree = noClasses().that().resideInAPackage("..record.model..")
            .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "java.sql..",
                    "org.apache.kafka..", "org.hl7.fhir..", "ca.uhn.fhir..", "com.fasterxml..");

    @ArchTest
    static final ArchRule webReadsTheViewOnlyThroughTheRepository = noClasses().that().resideInAPackage("..record.web..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
            .because("pages and the API take the person id from the token and ask the repository for that one record");
}
