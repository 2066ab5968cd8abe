package io.chartstream.patient.registration.domain;

import io.chartstream.patient.registration.domain.Merges.MergeLink;
import io.chartstream.patient.registration.domain.PatientEvent.IdentifierLinked;
import io.chartstream.patient.registration.domain.PatientEvent.PatientRegistered;
import io.chartstream.patient.registration.domain.PatientEvent.PersonsMerged;
import io.chartstream.patient.registration.domain.PatientEvent.PersonsUnmerged;
import io.chartstream.patient.registration.domain.PersonCommand.MergePersons;
import io.chartstream.patient.registration.domain.PersonCommand.UnmergePersons;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.chartstream.patient.registration.domain.Given.ANA;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE;
import static io.chartstream.patient.registration.domain.Given.RIVERSIDE_MRN;
import static io.chartstream.patient.registration.domain.Given.ST_MARYS;
import static io.chartstream.patient.registration.domain.Given.ST_MARYS_MRN;
import static io.chartstream.patient.registration.domain.Given.document;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Merge and unmerge, given each person's events, decided on one stream at a time. */
class PersonMergeDeciderTest {

    private static final UUID SURVIVOR = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    private static final UUID MERGED = UUID.fromString("00000000-0000-4000-8000-00000000000b");
    private static final UUID THIRD = UUID.fromString("00000000-0000-4000-8000-00000000000c");
    private static final UUID MERGE = UUID.fromString("00000000-0000-4000-8000-0000000000f1");
    private static final String WHY = "same person, two registrations";

    private final PersonDecider decider = PersonDecider.INSTANCE;

    private final List<PatientEvent> survivor =
            List.of(new PatientRegistered(SURVIVOR, RIVERSIDE, RIVERSIDE_MRN, document(ANA)));
    private final List<PatientEvent> merged = List.of(
            new PatientRegistered(MERGED, ST_MARYS, ST_MARYS_MRN, document(ANA)),
            new IdentifierLinked(
                    MERGED,
                    ST_MARYS,
                    new Identifier("urn:st-marys-hospital:mrn", "SM-78"),
                    document(ANA),
                    MatchedOn.IDENTIFIER));

    private final PersonsMerged mergedSide = new PersonsMerged(MERGE, MERGED, SURVIVOR, MERGED, WHY, null);
    private final PersonsMerged survivorSide = new PersonsMerged(MERGE, SURVIVOR, SURVIVOR, MERGED, WHY, null);

    @Test
    void aMergeIsOneEventOnEachStreamNamingBothPersons() {
        assertEquals(List.of(mergedSide), decider.decide(merge(MERGED), decider.fold(merged)));
        assertEquals(List.of(survivorSide), decider.decide(merge(SURVIVOR), decider.fold(survivor)));
    }

    @Test
    void theMergedPersonIsReplacedByTheSurvivorAndKeepsItsOwnLinks() {
        Person after = decider.fold(with(merged, mergedSide));

        assertTrue(after.isMerged());
        assertEquals(new MergeLink(MERGE, SURVIVOR), after.merges().replacedBy());
        assertEquals(2, after.links().size(), "its identifiers stay its own: an unmerge needs them");
        assertEquals(3, after.version());

        Person survivorAfter = decider.fold(with(survivor, survivorSide));
        assertFalse(survivorAfter.isMerged());
        assertEquals(
                List.of(new MergeLink(MERGE, MERGED)), survivorAfter.merges().replaces());
    }

    @Test
    void mergingWhatIsMergedAlreadyDecidesNothing() {
        assertEquals(List.of(), decider.decide(merge(MERGED), decider.fold(with(merged, mergedSide))));
        assertEquals(List.of(), decider.decide(merge(SURVIVOR), decider.fold(with(survivor, survivorSide))));
    }

    @Test
    void aMergedPersonIsNeitherMergedAgainNorASurvivor() {
        Person mergedAlready = decider.fold(with(merged, mergedSide));

        assertThrows(
                MergeRefused.class,
                () -> decider.decide(new MergePersons(MERGED, MERGE, THIRD, MERGED, WHY, null), mergedAlready));
        assertThrows(
                MergeRefused.class,
                () -> decider.decide(new MergePersons(MERGED, MERGE, MERGED, THIRD, WHY, null), mergedAlready));
    }

    @Test
    void aPersonIsNotMergedWithItselfAndAnUnknownPersonNotAtAll() {
        assertThrows(
                MergeRefused.class,
                () -> decider.decide(
                        new MergePersons(SURVIVOR, MERGE, SURVIVOR, SURVIVOR, WHY, null), decider.fold(survivor)));
        assertThrows(MergeRefused.class, () -> decider.decide(merge(MERGED), Person.NONE));
    }

    @Test
    void anUnmergeRestoresBothPersonsExactlyButForTheirVersions() {
        Person mergedBefore = decider.fold(merged);
        Person survivorBefore = decider.fold(survivor);
        Person mergedNow = decider.fold(with(merged, mergedSide));
        Person survivorNow = decider.fold(with(survivor, survivorSide));

        List<PatientEvent> onMerged = decider.decide(unmerge(MERGED), mergedNow);
        List<PatientEvent> onSurvivor = decider.decide(unmerge(SURVIVOR), survivorNow);

        assertEquals(List.of(new PersonsUnmerged(MERGE, MERGED, SURVIVOR, MERGED, "twins")), onMerged);
        assertEquals(List.of(new PersonsUnmerged(MERGE, SURVIVOR, SURVIVOR, MERGED, "twins")), onSurvivor);
        Person mergedAfter = decider.fold(with(with(merged, mergedSide), onMerged.get(0)));
        Person survivorAfter = decider.fold(with(with(survivor, survivorSide), onSurvivor.get(0)));
        assertEquals(withVersion(mergedBefore, mergedAfter.version()), mergedAfter);
        assertEquals(withVersion(survivorBefore, survivorAfter.version()), survivorAfter);
        assertNull(mergedAfter.merges().replacedBy());
    }

    @Test
    void onlyAMergeCanBeUndone() {
        assertThrows(MergeRefused.class, () -> decider.decide(unmerge(MERGED), decider.fold(merged)));
        assertThrows(MergeRefused.class, () -> decider.decide(unmerge(SURVIVOR), decider.fold(survivor)));
        Person mergedElsewhere = decider.fold(with(merged, new PersonsMerged(MERGE, MERGED, THIRD, MERGED, WHY, null)));
        assertThrows(MergeRefused.class, () -> decider.decide(unmerge(MERGED), mergedElsewhere));
    }

    private static MergePersons merge(UUID stream) {
        return new MergePersons(stream, MERGE, SURVIVOR, MERGED, WHY, null);
    }

    private static UnmergePersons unmerge(UUID stream) {
        return new UnmergePersons(stream, SURVIVOR, MERGED, "twins");
    }

    private static Person withVersion(Person p, long version) {
        return new Person(
                p.personId(), version, p.firstRegistration(), p.links(), p.reviews(), p.merges(), p.documents());
    }

    private static List<PatientEvent> with(List<PatientEvent> history, PatientEvent next) {
        List<PatientEvent> all = new ArrayList<>(history);
        all.add(next);
        return all;
    }
}
