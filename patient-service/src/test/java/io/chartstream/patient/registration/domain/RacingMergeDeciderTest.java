package io.chartstream.patient.registration.domain;

import io.chartstream.patient.registration.domain.PatientEvent.PatientRegistered;
import io.chartstream.patient.registration.domain.PersonCommand.MergePersons;
import io.chartstream.patient.registration.domain.PersonCommand.UnmergePersons;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static io.chartstream.patient.registration.domain.Given.ANA;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE;
import static io.chartstream.patient.registration.domain.Given.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Racing merges as the decider sees them: the store lets one of two merges that share a person
 * append (PersonMerges locks both streams, then each append expects the version it decided on),
 * so the other is decided again on the winner's events, and that decision must refuse it.
 */
class RacingMergeDeciderTest {

    private static final UUID A = UUID.fromString("00000000-0000-4000-8000-0000000000a1");
    private static final UUID B = UUID.fromString("00000000-0000-4000-8000-0000000000b2");
    private static final UUID C = UUID.fromString("00000000-0000-4000-8000-0000000000c3");
    private static final UUID D = UUID.fromString("00000000-0000-4000-8000-0000000000d4");
    private static final UUID E = UUID.fromString("00000000-0000-4000-8000-0000000000e5");

    private final PersonDecider decider = PersonDecider.INSTANCE;
    private final Map<UUID, List<PatientEvent>> streams = new HashMap<>();

    @Test
    void aIntoBWonSoBIntoAIsRefused() {
        given(A, B);
        merge(B, A);

        MergeRefused refused = assertThrows(MergeRefused.class, () -> merge(A, B));
        assertTrue(refused.getMessage().contains("merged into " + B), refused.getMessage());
        assertForest();
    }

    @Test
    void aIntoBWonSoAIntoCIsRefused() {
        given(A, B, C);
        merge(B, A);

        MergeRefused refused = assertThrows(MergeRefused.class, () -> merge(C, A));
        assertTrue(refused.getMessage().contains("merged into " + B), refused.getMessage());
        assertEquals(B, state(A).merges().replacedBy().personId(), "A is merged into one survivor only");
        assertEquals(List.of(), state(C).merges().replaces());
        assertForest();
    }

    @Test
    void aSurvivorThatWasMergedMeanwhileTakesNoOne() {
        given(A, B, C);
        merge(C, B);

        MergeRefused refused = assertThrows(MergeRefused.class, () -> merge(B, A));
        assertTrue(refused.getMessage().contains("a survivor"), refused.getMessage());
        assertTrue(!state(A).isMerged());
    }

    @Test
    void aSurvivorMayBeMergedOnWithEveryoneItReplaced() {
        given(A, B, C);
        merge(B, A);
        merge(C, B);

        assertEquals(B, state(A).merges().replacedBy().personId(), "A follows B through B's survivor");
        assertEquals(C, state(B).merges().replacedBy().personId());
        assertForest();
        MergeRefused cycle = assertThrows(MergeRefused.class, () -> merge(A, C));
        assertTrue(cycle.getMessage().contains("merged into " + B), cycle.getMessage());
    }

    @Test
    void anyOrderOfMergesAndUnmergesLeavesAForest() {
        Random random = new Random(12);
        List<UUID> people = List.of(A, B, C, D, E);
        for (int round = 0; round < 200; round++) {
            streams.clear();
            given(A, B, C, D, E);
            for (int step = 0; step < 12; step++) {
                UUID x = people.get(random.nextInt(people.size()));
                UUID y = people.get(random.nextInt(people.size()));
                try {
                    if (random.nextInt(4) == 0) {
                        unmerge(x);
                    } else {
                        merge(x, y);
                    }
                } catch (MergeRefused refused) {
                    // a merge the states do not allow: refused, nothing written
                }
                assertForest();
            }
        }
    }

    private void given(UUID... persons) {
        for (UUID p : persons) {
            streams.put(
                    p,
                    new ArrayList<>(List.of(new PatientRegistered(p, RIVERSIDE, Given.RIVERSIDE_MRN, document(ANA)))));
        }
    }

    /** As PersonMerges: decided on both streams, both appended or neither. */
    private void merge(UUID survivor, UUID merged) {
        UUID mergeId = UUID.randomUUID();
        both(survivor, merged, p -> new MergePersons(p, mergeId, survivor, merged, "race", null));
    }

    private void unmerge(UUID merged) {
        Person person = state(merged);
        if (!person.isMerged()) {
            throw new MergeRefused("not merged");
        }
        UUID survivor = person.merges().replacedBy().personId();
        both(survivor, merged, p -> new UnmergePersons(p, survivor, merged, "race"));
    }

    private void both(UUID survivor, UUID merged, java.util.function.Function<UUID, PersonCommand> command) {
        List<PatientEvent> onMerged = decider.decide(command.apply(merged), state(merged));
        List<PatientEvent> onSurvivor = decider.decide(command.apply(survivor), state(survivor));
        streams.get(merged).addAll(onMerged);
        streams.get(survivor).addAll(onSurvivor);
    }

    private Person state(UUID person) {
        return decider.fold(streams.get(person));
    }

    /** Each person replaced by at most one survivor that names it back, and no chain returns to its start. */
    private void assertForest() {
        for (UUID person : streams.keySet()) {
            Person state = state(person);
            if (state.isMerged()) {
                UUID survivor = state.merges().replacedBy().personId();
                assertNotNull(
                        state(survivor).merges().replacing(person).orElse(null),
                        survivor + " must name " + person + " among those it replaces");
            }
            for (Merges.MergeLink replaced : state.merges().replaces()) {
                assertEquals(
                        person, state(replaced.personId()).merges().replacedBy().personId());
            }
            Set<UUID> seen = new HashSet<>();
            UUID current = person;
            while (state(current).isMerged()) {
                if (!seen.add(current)) {
                    fail("merges of " + person + " form a cycle through " + seen);
                }
                current = state(current).merges().replacedBy().personId();
            }
        }
    }
}
