package io.chartstream.clinical;

import io.chartstream.testsupport.ServiceArchitectureContract;

/** clinical-service follows the one service layout (chartstream-test-support's ArchitectureRules). */
class ArchitectureTest extends ServiceArchitectureContract {

    @Override
    protected String basePackage() {
        return "io.chartstream.clinical";
    }
}
