package io.chartstream.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/**
 * The architecture every service proves: extend it with the service's base package, as
 * {@code class ArchitectureTest extends ServiceArchitectureContract}, and add the service's own
 * rules beside these. The rules themselves are {@link ArchitectureRules}.
 */
public abstract class ServiceArchitectureContract {

    private JavaClasses classes;

    /** e.g. {@code io.chartstream.clinical}. */
    protected abstract String basePackage();

    protected JavaClasses classes() {
        if (classes == null) {
            classes = ArchitectureRules.mainClasses(basePackage());
        }
        return classes;
    }

    @Test
    void domainIsPlainJava() {
        ArchitectureRules.domainIsFrameworkFree(classes());
    }

    @Test
    void featuresDoNotDependOnEachOtherInACycle() {
        ArchitectureRules.noCyclesBetweenFeatures(classes(), basePackage());
    }

    @Test
    void everyClassSitsInAFeatureLayer() {
        ArchitectureRules.featuresAreLayered(classes(), basePackage());
    }

    @Test
    void eventTypesTopicsAndHeadersComeFromTheContracts() {
        ArchitectureRules.noContractLiterals(Path.of(""));
    }
}
