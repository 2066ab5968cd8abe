package io.chartstream.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every contract has an approved example that its payload record reads and writes back unchanged
 * (so the record and the JSON producers pin are the same contract), and docs/events.md lists
 * exactly the contracts of this module, each under its topic.
 */
class ContractsTest {

    @TestFactory
    Stream<DynamicTest> everyContractReadsAndWritesItsApprovedExample() {
        return Contracts.ALL.stream()
                .map(contract -> DynamicTest.dynamicTest(contract.typeName(), () -> {
                    String approved = approved(contract);
                    Object payload = ContractJson.read(contract, approved);
                    JsonNode written = ContractJson.tree(ContractJson.write(payload));
                    assertEquals(
                            ContractJson.tree(approved), written, contract.typeName() + " changed on a round trip");
                }));
    }

    @Test
    void typeNamesAreUniqueAndWellFormed() {
        Set<String> seen = new HashSet<>();
        for (Contract<?> contract : Contracts.ALL) {
            assertTrue(seen.add(contract.typeName()), contract.typeName() + " twice");
            assertTrue(EventType.isWellFormed(contract.typeName()));
            assertEquals(contract.type(), EventType.parse(contract.typeName()));
        }
        assertThrows(IllegalArgumentException.class, () -> new EventType("patient", "registered", 1));
        assertThrows(IllegalArgumentException.class, () -> EventType.parse("com.example.PatientRegistered"));
    }

    @Test
    void aMissingRequiredFieldIsAViolationNamingIt() {
        String withoutPerson = ContractJson.tree(
                        approved(io.chartstream.contracts.clinical.ClinicalContracts.ENTRY_AMENDED))
                .deepCopy()
                .toString()
                .replace("\"personId\"", "\"somethingElse\"");
        ContractViolation violation = assertThrows(
                ContractViolation.class,
                () -> ContractJson.read(
                        io.chartstream.contracts.clinical.ClinicalContracts.ENTRY_AMENDED, withoutPerson));
        assertTrue(violation.getMessage().contains("personId"), violation.getMessage());
    }

    @Test
    void fhirContentMustBeAnObjectNotAString() {
        String stringResource = "{\"entryId\":\"3f1c2b7a-8e44-4c1b-9d2e-5a6b7c8d9e0f\","
                + "\"personId\":\"a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d\",\"organization\":\"o\","
                + "\"resourceType\":\"Observation\",\"resource\":\"{}\"}";
        assertThrows(
                ContractViolation.class,
                () -> ContractJson.read(
                        io.chartstream.contracts.clinical.ClinicalContracts.OBSERVATION_RECORDED, stringResource));
    }

    @Test
    void docsListExactlyTheseContractsUnderTheirTopics() throws IOException {
        String docs = Files.readString(docsFile());
        Set<String> documented = new HashSet<>();
        Matcher types = Pattern.compile("`(io\\.chartstream\\.[a-z]+\\.[A-Za-z]+\\.v[0-9]+)`")
                .matcher(docs);
        while (types.find()) {
            documented.add(types.group(1));
        }
        Set<String> published = new HashSet<>();
        for (Contract<?> contract : Contracts.ALL) {
            published.add(contract.typeName());
            int section = docs.indexOf("## `" + contract.topic() + "`");
            assertTrue(section >= 0, "docs/events.md has no section for " + contract.topic());
            int next = docs.indexOf("\n## ", section + 1);
            String body = docs.substring(section, next < 0 ? docs.length() : next);
            assertTrue(
                    body.contains("`" + contract.typeName() + "`"),
                    contract.typeName() + " is not listed under " + contract.topic() + " in docs/events.md");
        }
        assertEquals(published, documented, "docs/events.md and the contracts module disagree");
    }

    private static Path docsFile() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("docs/events.md"))) {
            dir = dir.getParent();
        }
        assertNotNull(dir, "docs/events.md not found above " + Path.of("").toAbsolutePath());
        return dir.resolve("docs/events.md");
    }

    static String approved(Contract<?> contract) {
        try (InputStream in = ContractsTest.class.getResourceAsStream(Contracts.approvedResource(contract))) {
            assertNotNull(in, "no approved example " + Contracts.approvedResource(contract));
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
