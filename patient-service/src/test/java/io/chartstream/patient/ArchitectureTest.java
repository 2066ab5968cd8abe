package io.chartstream.patient;

import io.chartstream.testsupport.ServiceArchitectureContract;

/** patient-service follows the one service layout (chartstream-test-support's ArchitectureRules). */
class ArchitectureTest extends ServiceArchitectureContract {

    @Override
    protected String basePackage() {
        return "io.chartstream.patient";
    }
}
