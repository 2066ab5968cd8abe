package io.chartstream.portal.record.infrastructure;

import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Type;

/** A choice value such as {@code onset[x]} or {@code effective[x]} as text, dates as FHIR wrote them. */
final class FhirText {

    private FhirText() {}

    static String of(Type value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value instanceof Period period) {
            return period.getStartElement().getValueAsString();
        }
        if (value instanceof Age age && age.hasValue()) {
            return "age " + age.getValue().toPlainString() + (age.hasUnit() ? " " + age.getUnit() : "");
        }
        if (value instanceof PrimitiveType<?> primitive) {
            return primitive.getValueAsString();
        }
        return null;
    }
}
