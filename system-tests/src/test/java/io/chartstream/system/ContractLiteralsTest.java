package io.chartstream.system;

import io.chartstream.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The system tests take event types, topics and headers from chartstream-contracts too (a unit test: no exchange needed). */
class ContractLiteralsTest {

    @Test
    void eventTypesTopicsAndHeadersComeFromTheContracts() {
        ArchitectureRules.noContractLiterals(Path.of(""));
    }
}
