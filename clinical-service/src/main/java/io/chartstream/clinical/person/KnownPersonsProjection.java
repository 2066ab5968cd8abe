package io.chartstream.clinical.person;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.clinical.ClinicalConfig;
import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.projection.Projection;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The enterprise person ids this service may record entries for, learned from patient-service's
 * events. Only the person id is kept: demographics stay in the MPI.
 */
@ApplicationScoped
public class KnownPersonsProjection implements Projection {

    public static final String NAME = "known-persons";
    static final String PATIENT_REGISTERED = "io.chartstream.patient.PatientRegistered.v1";
    static final String IDENTIFIER_LINKED = "io.chartstream.patient.IdentifierLinked.v1";
    private static final Set<String> APPLIED_TYPES = Set.of(PATIENT_REGISTERED, IDENTIFIER_LINKED);

    private final ObjectMapper json = new ObjectMapper();
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
        if (!APPLIED_TYPES.contains(event.type())) {
            return; // other patient events (merges, demographics) do not change who exists here yet
        }
        UUID personId = personIdOf(event.data());
        try (PreparedStatement ps = connection.prepareStatement(
                "insert into known_person (person_id, learned_from) values (?, ?) on conflict do nothing")) {
            ps.setObject(1, personId);
            ps.setString(2, event.type());
            ps.executeUpdate();
        }
    }

    /** The {@code personId} of the event's data; a missing or malformed one is refused (dead-lettered). */
    private UUID personIdOf(String data) throws Exception {
        JsonNode personId = json.readTree(data).path("personId");
        if (!personId.isTextual()) {
            throw new IllegalArgumentException("the event data has no personId");
        }
        return UUID.fromString(personId.asText());
    }
}
