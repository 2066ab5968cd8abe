package io.chartstream.exchange.hl7.infrastructure;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * An ADT's allergies (AL1) and diagnoses (DG1) are what the sender knows at that moment, and every
 * later event repeats them: each names ONE entry, whose id is derived like the visit's Encounter's.
 * An allergy is the patient's (organization + the patient's identifier of the organization +
 * allergen), so the next visit's admission does not record it again either; a diagnosis is the
 * visit's (organization + PV1-19 + diagnosis code). Entries of a message without that identity (a
 * DG1 of an ADT without PV1-19) have none and are recorded as new.
 */
public final class RepeatedEntry {

    private RepeatedEntry() {}

    /** The entry id of {@code resource}, entry of {@code bundle}, when it is an allergy or a diagnosis with an identity. */
    public static Optional<UUID> idOf(String organization, Bundle bundle, Resource resource) {
        return switch (resource) {
            case AllergyIntolerance allergy ->
                patientIdentifier(bundle)
                        .map(patient -> id("hl7-allergy", organization, patient, keyOf(allergy.getCode())));
            case Condition diagnosis ->
                visit(bundle)
                        .map(visit -> id(
                                "hl7-diagnosis",
                                organization,
                                visit.getSystem() + "|" + visit.getValue(),
                                keyOf(diagnosis.getCode())));
            default -> Optional.empty();
        };
    }

    /**
     * Whether {@code reported} says nothing {@code recorded} does not: equal but for what the
     * owner stamps (id, meta) and the references, which name the same patient and visit by another
     * spelling ({@code urn:uuid:} in the message, {@code Type/id} as recorded).
     */
    public static boolean unchanged(Resource recorded, Resource reported) {
        return comparable(recorded).equalsDeep(comparable(reported));
    }

    private static Resource comparable(Resource resource) {
        Resource copy = resource.copy();
        copy.setId((String) null);
        copy.setMeta(null);
        switch (copy) {
            case AllergyIntolerance allergy -> allergy.setPatient(null).setEncounter(null);
            case Condition condition -> condition.setSubject(null).setEncounter(null);
            default -> {}
        }
        return copy;
    }

    /** The first coding's system and code, else the text: what a sender repeats unchanged. */
    static String keyOf(CodeableConcept concept) {
        for (Coding coding : concept.getCoding()) {
            if (coding.hasCode()) {
                return (coding.hasSystem() ? coding.getSystem() : "") + "|" + coding.getCode();
            }
        }
        return "text|" + concept.getText().trim().toLowerCase(Locale.ROOT);
    }

    private static Optional<String> patientIdentifier(Bundle bundle) {
        return bundle.getEntry().stream()
                .filter(e -> e.getResource() instanceof Patient)
                .map(e -> e.getRequest().hasIfNoneExist()
                        ? e.getRequest().getIfNoneExist()
                        : e.getRequest()
                                .getUrl()
                                .substring(e.getRequest().getUrl().indexOf('?') + 1))
                .filter(query -> query != null && query.startsWith("identifier="))
                .map(query -> query.substring("identifier=".length()))
                .findFirst();
    }

    private static Optional<Identifier> visit(Bundle bundle) {
        return bundle.getEntry().stream()
                .filter(e -> e.getResource() instanceof Encounter)
                .map(e -> VisitEncounter.visitOf((Encounter) e.getResource()))
                .filter(visit -> visit != null)
                .findFirst();
    }

    private static UUID id(String kind, String organization, String owner, String code) {
        String name = kind + ":" + organization + "\n" + owner + "\n" + code;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }
}
