package io.chartstream.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import io.chartstream.contracts.Contract;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.Contracts;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Approval of published JSON against the examples the contracts module approves. A producer's
 * test serializes a sample event through its production codec and calls {@link #assertApproved};
 * a renamed, added or removed field fails, and the JSON actually produced is written to
 * {@code target/approvals} for review. An intended change is a new event version, not an edit.
 */
public final class Approvals {

    private Approvals() {}

    public static void assertApproved(Contract<?> contract, String producedJson) {
        JsonNode approved = ContractJson.tree(approved(contract));
        JsonNode produced = ContractJson.tree(producedJson);
        if (!approved.equals(produced)) {
            Path out = Path.of("target", "approvals", contract.typeName() + ".json");
            try {
                Files.createDirectories(out.getParent());
                Files.writeString(out, produced.toPrettyString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            assertEquals(
                    approved.toPrettyString(),
                    produced.toPrettyString(),
                    contract.typeName() + " no longer matches its approved JSON (produced: " + out.toAbsolutePath()
                            + ")");
        }
    }

    /** The approved example of {@code contract}: also the fixture consumers' tests feed their projections. */
    public static String approved(Contract<?> contract) {
        try (InputStream in = Approvals.class.getResourceAsStream(Contracts.approvedResource(contract))) {
            if (in == null) {
                fail("no approved example " + Contracts.approvedResource(contract));
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A producer's approval test covers every type it registers and every contract of its service. */
    public static void assertCovers(String service, Collection<String> registered, Collection<String> approvedInTest) {
        Set<String> expected = new TreeSet<>(registered);
        Contracts.of(service).forEach(c -> expected.add(c.typeName()));
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(approvedInTest);
        assertTrue(missing.isEmpty(), "published types without an approval: " + missing);
    }
}
