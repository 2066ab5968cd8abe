package io.chartstream.portal.record.infrastructure;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Observation.ObservationComponentComponent;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Type;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/** An Observation's value[x] and effective[x] as a person reads them. */
final class ObservationValues {

    private ObservationValues() {}

    /** {@code text} always set when there is a value; {@code number} and {@code unit} for quantities. */
    record Value(String text, BigDecimal number, String unit) {
        static final Value NONE = new Value(null, null, null);
    }

    static Value of(Observation observation) {
        if (observation.hasValue()) {
            return of(observation.getValue());
        }
        if (observation.hasComponent()) {
            return components(observation.getComponent());
        }
        if (observation.hasDataAbsentReason()) {
            return new Value(Concepts.display(observation.getDataAbsentReason()), null, null);
        }
        return Value.NONE;
    }

    static Value of(Type value) {
        if (value instanceof Quantity quantity && quantity.hasValue()) {
            String unit = quantity.hasUnit() ? quantity.getUnit() : quantity.getCode();
            return new Value(quantity.getValue().toPlainString(), quantity.getValue(), unit);
        }
        if (value instanceof CodeableConcept concept) {
            return new Value(Concepts.display(concept), null, null);
        }
        if (value instanceof BooleanType bool && bool.hasValue()) {
            return new Value(bool.booleanValue() ? "Yes" : "No", null, null);
        }
        if (value instanceof IntegerType integer && integer.hasValue()) {
            return new Value(integer.getValueAsString(), BigDecimal.valueOf(integer.getValue()), null);
        }
        if (value instanceof PrimitiveType<?> primitive && primitive.hasValue()) {
            return new Value(primitive.getValueAsString(), null, null);
        }
        return Value.NONE;
    }

    /** A panel such as blood pressure: "Systolic 120 mmHg; Diastolic 80 mmHg". */
    private static Value components(List<ObservationComponentComponent> components) {
        List<String> parts = new ArrayList<>();
        for (ObservationComponentComponent component : components) {
            Value value = of(component.getValue());
            if (value.text() != null) {
                String name = Concepts.display(component.getCode());
                parts.add((name == null ? "" : name + " ")
                        + value.text()
                        + (value.unit() == null ? "" : " " + value.unit()));
            }
        }
        return parts.isEmpty() ? Value.NONE : new Value(String.join("; ", parts), null, null);
    }

    /** When it was observed: effectiveDateTime, a period's start, an instant, else when it was issued. */
    static String effective(Observation observation) {
        String effective = FhirText.of(observation.getEffective());
        if (effective == null && observation.hasIssued()) {
            effective = observation.getIssuedElement().getValueAsString();
        }
        return effective;
    }
}
