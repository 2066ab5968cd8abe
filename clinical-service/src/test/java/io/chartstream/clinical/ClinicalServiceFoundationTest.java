package io.chartstream.clinical;

import io.chartstream.testsupport.ServiceFoundationContract;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

@QuarkusTest
class ClinicalServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected List<String> readinessChecks() {
        return List.of("Database connections health check", "FHIR validator");
    }
}
