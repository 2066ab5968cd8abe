package io.chartstream.fhir;

import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects what HAPI's parser found wrong in a resource instead of dropping it (an unknown
 * element would otherwise vanish silently from a record) or failing on the first
 * finding: the caller gets every issue at once, as a 422 OperationOutcome.
 */
public final class ParseIssues extends ErrorHandlerAdapter {

    private final List<String> messages = new ArrayList<>();

    public List<String> messages() {
        return List.copyOf(messages);
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        messages.add(where(location) + ": invalid value \"" + value + "\": " + error);
    }

    @Override
    public void unknownElement(IParseLocation location, String elementName) {
        messages.add(where(location) + ": unknown element '" + elementName + "'");
    }

    @Override
    public void unknownAttribute(IParseLocation location, String attributeName) {
        messages.add(where(location) + ": unknown attribute '" + attributeName + "'");
    }

    @Override
    public void incorrectJsonType(
            IParseLocation location,
            String elementName,
            ValueType expected,
            ScalarType expectedScalar,
            ValueType found,
            ScalarType foundScalar) {
        messages.add(where(location) + ": element '" + elementName + "' must be " + describe(expected, expectedScalar)
                + " but is " + describe(found, foundScalar));
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
        messages.add(where(location) + ": element '" + elementName + "' may occur only once");
    }

    @Override
    public void missingRequiredElement(IParseLocation location, String elementName) {
        messages.add(where(location) + ": element '" + elementName + "' is required");
    }

    private static String where(IParseLocation location) {
        return location == null || location.getParentElementName() == null
                ? "resource"
                : location.getParentElementName();
    }

    private static String describe(ValueType type, ScalarType scalar) {
        return scalar == null ? String.valueOf(type) : type + " (" + scalar + ")";
    }
}
