package io.chartstream.portal.record.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chartstream.contracts.Contract;
import io.chartstream.contracts.ContractJson;
import io.chartstream.contracts.Topics;
import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.contracts.clinical.ClinicalEntryV1;
import io.chartstream.contracts.patient.PatientContracts;
import io.chartstream.eventsourcing.cloudevents.SourcedEvent;
import io.chartstream.eventsourcing.projection.Projection;
import io.chartstream.eventsourcing.store.RecordedEvent;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

/**
 * The patient's own view of their record, per enterprise person: demographics and identifiers
 * from {@code chartstream.patient.events}, observations, conditions, medications and allergies
 * from {@code chartstream.clinical.events}; an entry entered in error leaves it; merges of persons
 * (a merged person's record is its survivor's, with everything of the persons merged into it). Event types and resource types it does not show
 * are skipped (they are still marked applied, so a rebuild reads them once too).
 */
@ApplicationScoped
public class PatientRecordProjection implements Projection {

    public static final String NAME = "patient-record";
    public static final String PATIENT_TOPIC = Topics.PATIENT_EVENTS;
    public static final String CLINICAL_TOPIC = Topics.CLINICAL_EVENTS;

    private final EventReader reader;
    private final RecordTables tables;

    public PatientRecordProjection(ObjectMapper json, FhirContext fhir) {
        this.reader = new EventReader(fhir);
        this.tables = new RecordTables(json);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<String> topics() {
        return List.of(PATIENT_TOPIC, CLINICAL_TOPIC);
    }

    @Override
    public List<String> schemaDdl() {
        return RecordTables.DDL;
    }

    @Override
    public void apply(Connection connection, SourcedEvent sourced) throws Exception {
        RecordedEvent event = sourced.event();
        if (PatientContracts.identifiesPerson(event.type()) || PatientContracts.revisesRegistration(event.type())) {
            applyPerson(connection, reader.person(event));
            return;
        }
        Optional<Contract<ClinicalEntryV1>> entryChange = ClinicalContracts.entryChange(event.type());
        if (entryChange.isPresent()) {
            applyEntry(connection, reader.entry(event, entryChange.get()));
            return;
        }
        if (ClinicalContracts.ENTRY_ENTERED_IN_ERROR.is(event.type())) {
            tables.enteredInError(connection, reader.entry(event, ClinicalContracts.ENTRY_ENTERED_IN_ERROR));
            return;
        }
        if (PatientContracts.PERSONS_MERGED.is(event.type())) {
            tables.merged(connection, ContractJson.read(PatientContracts.PERSONS_MERGED, event.data()));
            return;
        }
        if (PatientContracts.PERSONS_UNMERGED.is(event.type())) {
            tables.unmerged(connection, ContractJson.read(PatientContracts.PERSONS_UNMERGED, event.data()));
            return;
        }
        // other types (match reviews, types added later) are not on the portal yet
    }

    private void applyPerson(Connection c, PersonEvent event) throws Exception {
        Patient patient = event.patient();
        tables.person(
                c,
                event,
                PatientNames.display(patient),
                patient == null ? null : patient.getBirthDateElement().getValueAsString(),
                patient == null || !patient.hasGender()
                        ? null
                        : patient.getGender().toCode());
    }

    private void applyEntry(Connection c, EntryEvent entry) throws Exception {
        switch (entry.resource()) {
            case Observation observation -> tables.observation(c, entry, FhirEntries.observation(entry, observation));
            case Condition condition -> tables.condition(c, entry, FhirEntries.condition(entry, condition));
            case MedicationRequest request -> tables.medication(c, entry, FhirEntries.medication(entry, request));
            case AllergyIntolerance allergy -> tables.allergy(c, entry, FhirEntries.allergy(entry, allergy));
            case Encounter encounter -> tables.visit(c, entry, FhirEntries.visit(entry, encounter));
            default -> {
                // other resource types (Immunization, Procedure, ...) are not on the portal yet
            }
        }
    }
}
