package io.chartstream.patient.registration.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.patient.matching.infrastructure.MatchIndex;
import io.chartstream.patient.registration.domain.PatientDocument;
import io.chartstream.patient.registration.domain.PatientEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Files in the blocking index every registration that has none: persons registered before the
 * index existed (migration V2_2) have events but no match record, so probabilistic matching could
 * never find them. A registration is what filed a record since V2_2: the first
 * {@code PatientRegistered} or {@code IdentifierLinked} of an organization on a person's stream,
 * with the demographics of the Patient it sent (read back with the production codec). Filing is
 * {@link MatchIndex#file}, as registration does; a (person, organization) that has a record is
 * left alone, so running it again files nothing.
 */
public final class MatchIndexBackfill {

    private final MatchIndex index = new MatchIndex();
    private PatientEventCodec codec;

    /** Files the registrations that have no match record; returns how many it filed. */
    public int fill(Connection c) throws SQLException {
        int filed = 0;
        try (PreparedStatement ps = c.prepareStatement("""
                select distinct on (e.data ->> 'personId', e.data ->> 'organization') e.event_type, e.data::text
                from es_event e
                where e.event_type = any(?)
                  and not exists (select 1 from mpi_match_record r
                                  where r.person_id = (e.data ->> 'personId')::uuid
                                    and r.organization = e.data ->> 'organization')
                order by e.data ->> 'personId', e.data ->> 'organization', e.position
                """)) {
            ps.setArray(1, c.createArrayOf("text", new String[] {
                PatientContracts.PATIENT_REGISTERED.typeName(), PatientContracts.IDENTIFIER_LINKED.typeName()
            }));
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    PatientEvent event = codec().types().fromJson(rs.getString(1), rs.getString(2));
                    PatientDocument patient = switch (event) {
                        case PatientEvent.PatientRegistered registered -> registered.patient();
                        case PatientEvent.IdentifierLinked linked -> linked.patient();
                        default -> throw new IllegalStateException("not a registration: " + rs.getString(1));
                    };
                    index.file(
                            c,
                            event.personId(),
                            event.organization(),
                            patient.demographics().matchRecord());
                    filed++;
                }
            }
        }
        return filed;
    }

    /** Made on the first event only: a database without events (a new one) needs no FHIR context. */
    private PatientEventCodec codec() {
        if (codec == null) {
            codec = new PatientEventCodec(FhirContext.forR4Cached());
        }
        return codec;
    }
}
