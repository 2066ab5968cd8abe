package io.chartstream.exchange.directory.domain;

import io.chartstream.exchange.directory.domain.DirectoryCommand.AmendResource;
import io.chartstream.exchange.directory.domain.DirectoryCommand.RecordResource;
import io.chartstream.exchange.directory.domain.DirectoryEvent.DirectoryResourceAmended;
import io.chartstream.exchange.directory.domain.DirectoryEvent.DirectoryResourceRecorded;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Given events, when a command, then events or a rejection. */
class DirectoryDeciderTest {

    private static final String ID = "5b2f0c1e-9a7d-4e3b-8c21-7d4e6f0a3001";
    private static final ResourceJson V1 =
            new ResourceJson("{\"resourceType\":\"Practitioner\",\"id\":\"" + ID + "\"}");
    private static final ResourceJson V2 =
            new ResourceJson("{\"resourceType\":\"Practitioner\",\"id\":\"" + ID + "\",\"active\":false}");

    private static DirectoryEntry given(DirectoryEvent... history) {
        return DirectoryDecider.INSTANCE.fold(List.of(history));
    }

    private static List<DirectoryEvent> when(DirectoryCommand command, DirectoryEntry state) {
        return DirectoryDecider.INSTANCE.decide(command, state);
    }

    @Test
    void aNewResourceIsRecorded() {
        assertEquals(
                List.of(new DirectoryResourceRecorded("Practitioner", ID, V1)),
                when(new RecordResource("Practitioner", ID, V1), given()));
    }

    @Test
    void recordingAnIdThatExistsIsRejected() {
        var rejected = assertThrows(
                DirectoryRejected.class,
                () -> when(
                        new RecordResource("Practitioner", ID, V1),
                        given(new DirectoryResourceRecorded("Practitioner", ID, V1))));
        assertEquals(DirectoryRejected.Reason.ALREADY_RECORDED, rejected.reason());
    }

    @Test
    void aTypeOutsideTheDirectoryIsRejected() {
        var rejected =
                assertThrows(DirectoryRejected.class, () -> when(new RecordResource("Patient", ID, V1), given()));
        assertEquals(DirectoryRejected.Reason.UNKNOWN_TYPE, rejected.reason());
    }

    @Test
    void anUpdateOnTheCurrentVersionIsAnAmendment() {
        var state = given(new DirectoryResourceRecorded("Practitioner", ID, V1));
        assertEquals(1, state.version());
        assertEquals(
                List.of(new DirectoryResourceAmended("Practitioner", ID, V2)),
                when(new AmendResource("Practitioner", ID, 1, V2), state));
        assertEquals(
                2,
                given(
                                new DirectoryResourceRecorded("Practitioner", ID, V1),
                                new DirectoryResourceAmended("Practitioner", ID, V2))
                        .version());
    }

    @Test
    void staleVersionIsRejectedWithMismatch() {
        var state = given(
                new DirectoryResourceRecorded("Practitioner", ID, V1),
                new DirectoryResourceAmended("Practitioner", ID, V2));
        var rejected =
                assertThrows(DirectoryRejected.class, () -> when(new AmendResource("Practitioner", ID, 1, V2), state));
        assertEquals(DirectoryRejected.Reason.VERSION_MISMATCH, rejected.reason());
    }

    @Test
    void updatingAnUnknownResourceIsNotFound() {
        var rejected = assertThrows(
                DirectoryRejected.class, () -> when(new AmendResource("Practitioner", ID, 1, V2), given()));
        assertEquals(DirectoryRejected.Reason.NOT_FOUND, rejected.reason());
    }
}
