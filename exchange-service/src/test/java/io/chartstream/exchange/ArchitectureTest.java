package io.chartstream.exchange;

import io.chartstream.testsupport.ServiceArchitectureContract;

/** exchange-service follows the one service layout (chartstream-test-support's ArchitectureRules). */
class ArchitectureTest extends ServiceArchitectureContract {

    @Override
    protected String basePackage() {
        return "io.chartstream.exchange";
    }
}
