package io.chartstream.portal.record.infrastructure;

import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

/** The name a person is shown under: the official one if the Patient has it, else the usual, else the first. */
final class PatientNames {

    private PatientNames() {}

    static String display(Patient patient) {
        if (patient == null || !patient.hasName()) {
            return null;
        }
        HumanName chosen = patient.getNameFirstRep();
        for (HumanName.NameUse use : new HumanName.NameUse[] {HumanName.NameUse.OFFICIAL, HumanName.NameUse.USUAL}) {
            for (HumanName name : patient.getName()) {
                if (name.getUse() == use) {
                    return text(name);
                }
            }
        }
        return text(chosen);
    }

    private static String text(HumanName name) {
        String text = name.hasText() ? name.getText() : name.getNameAsSingleString();
        return text == null || text.isBlank() ? null : text;
    }
}
