package io.chartstream.eventsourcing;

import io.chartstream.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The runtime and its tests take event types, topics and headers from chartstream-contracts too. */
class ContractLiteralsTest {

    @Test
    void eventTypesTopicsAndHeadersComeFromTheContracts() {
        ArchitectureRules.noContractLiterals(Path.of(""));
    }
}
