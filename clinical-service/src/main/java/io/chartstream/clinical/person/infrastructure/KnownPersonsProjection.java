package io.chartstream.clinical.person.infrastructure;

import io.chartstream.clinical.ClinicalConfig;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.projection.Projection;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

/**
 * The enterprise person ids this service may record entries for, learned from patient-service's
 * events. Only the person id is kept: demographics stay in the MPI.
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
        return List.of("""
                create table if not exists known_person (
                    person_id      uuid         primary key,
                    learned_from   text         not null,
                    learned_at     timestamptz  not null default now())""");
    }

    @Override
    public void apply(Connection connection, SourcedEvent sourced) throws Exception {
        var event = sourced.event();
        if (!PatientContracts.identifiesPerson(event.type())) {
            return; // other patient events (merges, demographics) do not change who exists here yet
        }
        UUID personId = personIdOf(event.type(), event.data());
        try (PreparedStatement ps = connection.prepareStatement(
                "insert into known_person (person_id, learned_from) values (?, ?) on conflict do nothing")) {
            ps.setObject(1, personId);
            ps.setString(2, event.type());
            ps.executeUpdate();
        }
    }

    /** The person of a registration or link; data that breaks the contract is refused (dead-lettered). */
    private static UUID personIdOf(String type, String data) {
        return PatientContracts.read(type, data).personId();
    }
}
