package io.chartstream.portal.record.infrastructure;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;

/** How a coded FHIR value reads to a person: its text, else a coding's display, else the bare code. */
final class Concepts {

    private Concepts() {}

    static String display(CodeableConcept concept) {
        if (concept == null || concept.isEmpty()) {
            return null;
        }
        if (concept.hasText()) {
            return concept.getText();
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.hasDisplay()) {
                return coding.getDisplay();
            }
        }
        Coding coded = primary(concept);
        return coded == null ? null : coded.getCode();
    }

    /** The first coding that has a code: what {@code data-code} and the JSON {@code code} name. */
    static Coding primary(CodeableConcept concept) {
        if (concept == null) {
            return null;
        }
        for (Coding coding : concept.getCoding()) {
            if (coding.hasCode()) {
                return coding;
            }
        }
        return null;
    }

    static String code(CodeableConcept concept) {
        Coding coding = primary(concept);
        return coding == null ? null : coding.getCode();
    }

    static String system(CodeableConcept concept) {
        Coding coding = primary(concept);
        return coding == null || !coding.hasSystem() ? null : coding.getSystem();
    }

    /** A status concept (clinicalStatus, verificationStatus) as its code, e.g. {@code active}. */
    static String status(CodeableConcept concept) {
        String code = code(concept);
        return code != null ? code : display(concept);
    }
}
