package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.label.domain.SecurityLabel;
import io.chartstream.clinical.label.domain.SensitivityClassifier;
import io.chartstream.clinical.label.domain.SensitivityClassifier.Code;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Property;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * Security labels at ingest, the HAPI side: reads an entry's codings, asks the classifier, and adds
 * what is missing to {@code meta.security}. What the source set there is never removed or touched.
 */
@ApplicationScoped
public class EntryLabels {

    /** Choice elements by their name without the type ({@code value[x]} is "value[x]" to HAPI). */
    private static final List<String> LABELLED_ELEMENTS =
            List.of("code", "value[x]", "medication[x]", "vaccineCode", "reasonCode", "type");

    private final SensitivityClassifier classifier;

    public EntryLabels(SensitivityClassifier classifier) {
        this.classifier = classifier;
    }

    public void label(Resource resource) {
        List<SecurityLabel> present = resource.getMeta().getSecurity().stream()
                .map(c -> new SecurityLabel(c.getSystem(), c.getCode()))
                .toList();
        for (SecurityLabel label : classifier.toAdd(codesOf(resource), present)) {
            resource.getMeta().addSecurity(label.system(), label.code(), null);
        }
    }

    /**
     * Every coding the labels look at, of whichever of these elements the type has: the entry's
     * code (Observation, Condition, AllergyIntolerance, Procedure, DiagnosticReport ...), a coded
     * value, a coded medication (never a medicationReference: the Medication is labelled itself),
     * a vaccine code, reason codes, and a type (Encounter, DocumentReference).
     */
    static List<Code> codesOf(Resource resource) {
        List<Code> codes = new ArrayList<>();
        for (String element : LABELLED_ELEMENTS) {
            Property property = resource.getNamedProperty(element);
            if (property == null) {
                continue;
            }
            for (Base value : property.getValues()) {
                if (value instanceof CodeableConcept concept) {
                    concept.getCoding().forEach(c -> codes.add(new Code(c.getSystem(), c.getCode())));
                }
            }
        }
        return codes;
    }
}
