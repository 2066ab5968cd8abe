package io.chartstream.system;

import io.chartstream.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** The system tests take event types, topics and headers from chartstream-contracts too (needs no running exchange). */
class SourceRulesSystemTest {

    @Test
    void eventTypesTopicsAndHeadersComeFromTheContracts() {
        ArchitectureRules.noContractLiterals(Path.of(""));
    }
}
