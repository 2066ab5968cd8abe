package io.chartstream.exchange.read.application;

import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumeration;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.PrimitiveType;

/**
 * One FHIR token search value: {@code code} (any system), {@code system|code}, {@code |code} (no
 * system) or {@code system|} (any code of the system). Codes and systems compare exactly.
 */
record TokenSearch(String system, String code) {

    static TokenSearch parse(String text) {
        int bar = text.indexOf('|');
        if (bar < 0) {
            return new TokenSearch(null, text);
        }
        String code = text.substring(bar + 1);
        return new TokenSearch(text.substring(0, bar), code.isEmpty() ? null : code);
    }

    /** Whether an element found by the parameter's path (a CodeableConcept, Coding, Identifier or code) matches. */
    boolean matches(Base element) {
        return switch (element) {
            case CodeableConcept cc -> cc.getCoding().stream().anyMatch(this::matches);
            case Coding c -> matches(c.getSystem(), c.getCode());
            case Identifier i -> matches(i.getSystem(), i.getValue());
            case Enumeration<?> e -> matches(e.getSystem(), e.getValueAsString());
            case PrimitiveType<?> p -> matches(null, p.getValueAsString());
            default -> false;
        };
    }

    private boolean matches(String elementSystem, String elementCode) {
        boolean systemMatches = system == null
                || (system.isEmpty() ? elementSystem == null || elementSystem.isEmpty() : system.equals(elementSystem));
        return systemMatches && (code == null || code.equals(elementCode));
    }
}
