package io.chartstream.portal;

import io.chartstream.testsupport.ServiceArchitectureContract;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** portal-service follows the one service layout (chartstream-test-support's ArchitectureRules), plus a rule of its own. */
class ArchitectureTest extends ServiceArchitectureContract {

    @Override
    protected String basePackage() {
        return "io.chartstream.portal";
    }

    @Test
    void webReadsTheViewOnlyThroughTheRepository() {
        noClasses()
                .that()
                .resideInAPackage("..record.web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..")
                .because("pages and the API take the person id from the token and ask the repository for that one "
                        + "record")
                .check(classes());
    }
}
