package io.chartstream.portal;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.chartstream.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** portal-service follows the one service layout (chartstream-test-support's ArchitectureRules), plus a rule of its own. */
class ArchitectureTest {

    private static final String BASE = "io.chartstream.portal";
    private static final JavaClasses CLASSES = ArchitectureRules.mainClasses(BASE);

    @Test
    void domainIsPlainJava() {
        ArchitectureRules.domainIsFrameworkFree(CLASSES);
    }

    @Test
    void featuresDoNotDependOnEachOtherInACycle() {
        ArchitectureRules.noCyclesBetweenFeatures(CLASSES, BASE);
    }

    @Test
    void everyClassSitsInAFeatureLayer() {
        ArchitectureRules.featuresAreLayered(CLASSES, BASE);
    }

    @Test
    void eventTypesTopicsAndHeadersComeFromTheContracts() {
        ArchitectureRules.noContractLiterals(Path.of(""));
    }

    @Test
    void webReadsTheViewOnlyThroughTheRepository() {
        noClasses()
                .that()
                .resideInAPackage("..record.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..")
                .because(
                        "pages and the API take the person id from the token and ask the repository for that one record")
                .check(CLASSES);
    }
}
