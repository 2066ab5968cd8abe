package io.chartstream.clinical.entry.web;

import io.chartstream.clinical.label.domain.SecurityLabel;
import io.chartstream.clinical.label.domain.SensitivityClassifier;
import io.chartstream.clinical.label.domain.SensitivityClassifier.Code;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Resource;

import java.util.ArrayList;
import java.util.List;

/**
 * Security labels at ingest, the HAPI side: reads an entry's codings, asks the classifier, and adds
 * what is missing to {@code meta.security}. What the source set there is never removed or touched.
 */
@ApplicationScoped
public class EntryLabels {

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
     * Every coding the labels look at: Observation.code and a coded value, Condition.code,
     * MedicationRequest.medicationCodeableConcept, AllergyIntolerance.code.
     */
    static List<Code> codesOf(Resource resource) {
        List<CodeableConcept> concepts = new ArrayList<>();
        switch (resource) {
            case Observation o -> {
                concepts.add(o.getCode());
                if (o.hasValueCodeableConcept()) {
                    concepts.add(o.getValueCodeableConcept());
                }
            }
            case Condition c -> concepts.add(c.getCode());
            case MedicationRequest m -> {
                if (m.hasMedicationCodeableConcept()) {
                    concepts.add(m.getMedicationCodeableConcept());
                }
            }
            case AllergyIntolerance a -> concepts.add(a.getCode());
            default -> throw new IllegalArgumentException("no labelling for " + resource.fhirType());
        }
        return concepts.stream()
                .flatMap(c -> c.getCoding().stream())
                .map(c -> new Code(c.getSystem(), c.getCode()))
                .toList();
    }
}
