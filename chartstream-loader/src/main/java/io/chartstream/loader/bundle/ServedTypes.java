package io.chartstream.loader.bundle;

import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;

import java.util.Set;
import java.util.TreeSet;

/** The resource types a server says it serves (its CapabilityStatement's server rest resources). */
public record ServedTypes(Set<String> types) {

    public ServedTypes {
        types = Set.copyOf(types);
    }

    public static ServedTypes of(CapabilityStatement statement) {
        Set<String> types = new TreeSet<>();
        for (CapabilityStatementRestComponent rest : statement.getRest()) {
            if (rest.getMode() == null || rest.getMode() == RestfulCapabilityMode.SERVER) {
                rest.getResource().forEach(r -> types.add(r.getType()));
            }
        }
        return new ServedTypes(types);
    }

    public boolean serves(String type) {
        return types.contains(type);
    }
}
