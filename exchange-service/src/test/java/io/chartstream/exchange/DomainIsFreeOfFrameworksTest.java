package io.chartstream.exchange;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Domain packages decide; they do not know Quarkus, Jakarta, JDBC, Kafka or HTTP. */
@AnalyzeClasses(packages = "io.chartstream.exchange", importOptions = ImportOption.DoNotIncludeTests.class)
class DomainIsFreeOfFrameworksTest {

    @ArchTest
    static final ArchRule domainHasNoFrameworkOrIo = noClasses().that().resideInAPackage("..domain..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.quarkus..", "jakarta..", "javax.sql..", "java.sql..", "org.apache.kafka..", "io.vertx..",
                    "java.net.http..", "com.fasterxml.jackson..", "io.chartstream.eventsourcing..", "io.chartstream.fhir..");
}
