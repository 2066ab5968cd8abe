package io.chartstream.exchange;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.chartstream.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** exchange-service follows the one service layout (chartstream-test-support's ArchitectureRules). */
class ArchitectureTest {

    private static final String BASE = "io.chartstream.exchange";
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
}
