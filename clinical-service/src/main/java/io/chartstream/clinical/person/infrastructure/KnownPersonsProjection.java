package io.chartstream.clinical.person.infrastructure;

import io.chartstream.clinical.ClinicalConfig;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.contracts.patient.PersonsMergedV1;
import io.chartstream.contracts.patient.PersonsUnmergedV1;
import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.projection.Projection;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

/**
 * The enterprise person ids this service may record entries for, learned from patient-service's
 * events, and which of them were merged into whom. Only the person ids are kept: demographics
 * stay in the MPI.
 */
@ApplicationScoped
public class KnownPersonsProjection implements Projection {

    public static final String NAME = "known-persons";
    private final String patientTopic;

    public KnownPersonsProjection(ClinicalConfig config) {
        this.patientTopic = config.patientTopic();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> topics() {
        return List.of(patientTopic);
    }

    @Override
    public List<String> schemaDdl() {
        return List.of(
                """
                create table if not exists known_person (
                    person_id      uuid         primary key,
                    learned_from   text         not null,
                    learned_at     timestamptz  not null default now())""",
                // merged person -> survivor (decisions §26): entries stay under the person they were
                // written for, this only tells an amendment that two ids are one person now
                """
                create table if not exists person_merge (
                    merged_person_id    uuid  primary key,
                    survivor_person_id  uuid  not null,
                    merge_id            uuid  not null)""");
    }

    @Override
    public void apply(Connection connection, SourcedEvent sourced) throws Exception {
        var event = sourced.event();
        // a merge is on both persons' streams: whichever copy comes first records it, the other changes nothing
        if (PatientContracts.PERSONS_MERGED.is(event.type())) {
            PersonsMergedV1 merged = ContractJson.read(PatientContracts.PERSONS_MERGED, event.data());
            update(
                    connection,
                    "insert into person_merge (merged_person_id, survivor_person_id, merge_id) values (?, ?, ?)"
                            + " on conflict (merged_person_id) do update set survivor_person_id ="
                            + " excluded.survivor_person_id, merge_id = excluded.merge_id",
                    merged.mergedPersonId(),
                    merged.survivorPersonId(),
                    merged.mergeId());
            return;
        }
        if (PatientContracts.PERSONS_UNMERGED.is(event.type())) {
            PersonsUnmergedV1 unmerged = ContractJson.read(PatientContracts.PERSONS_UNMERGED, event.data());
            update(
                    connection,
                    "delete from person_merge where merged_person_id = ? and merge_id = ?",
                    unmerged.mergedPersonId(),
                    unmerged.mergeId());
            return;
        }
        if (!PatientContracts.identifiesPerson(event.type())) {
            return; // other patient events (demographics) do not change who exists here
        }
        UUID personId = personIdOf(event.type(), event.data());
        update(
                connection,
                "insert into known_person (person_id, learned_from) values (?, ?) on conflict do nothing",
                personId,
                event.type());
    }

    private static void update(Connection connection, String sql, Object... values) throws Exception {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                ps.setObject(i + 1, values[i]);
            }
            ps.executeUpdate();
        }
    }

    /** The person of a registration or link; data that breaks the contract is refused (dead-lettered). */
    private static UUID personIdOf(String type, String data) {
        return PatientContracts.read(type, data).personId();
    }
}
