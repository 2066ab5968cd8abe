package io.chartstream.loader.bundle;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Resource;

import java.util.List;

/** Small bundles for the tests, built with HAPI's model like Synthea's: POST entries with urn:uuid full URLs. */
final class Bundles {

    static final FhirContext FHIR = FhirContext.forR4Cached();

    private Bundles() {}

    static String urn(int n) {
        return String.format("urn:uuid:00000000-0000-0000-0000-%012d", n);
    }

    /** Each resource gets full URL urn(1), urn(2), ... in the order given. */
    static Bundle transaction(Resource... resources) {
        Bundle bundle = new Bundle().setType(BundleType.TRANSACTION);
        for (int i = 0; i < resources.length; i++) {
            bundle.addEntry()
                    .setFullUrl(urn(i + 1))
                    .setResource(resources[i])
                    .getRequest()
                    .setMethod(HTTPVerb.POST)
                    .setUrl(resources[i].fhirType());
        }
        return bundle;
    }

    static ServedTypes served(String... types) {
        return new ServedTypes(java.util.Set.of(types));
    }

    static BundlePreparation.Prepared prepare(Bundle bundle, String... served) {
        return new BundlePreparation(FHIR.newTerser()).prepare(bundle, served(served));
    }

    /** A transaction-response with these locations, in order. */
    static Bundle response(String... locations) {
        Bundle response = new Bundle().setType(BundleType.TRANSACTIONRESPONSE);
        for (String location : locations) {
            response.addEntry().getResponse().setStatus("201 Created").setLocation(location);
        }
        return response;
    }

    static Bundle decode(byte[] body) {
        return FHIR.newJsonParser()
                .parseResource(Bundle.class, new String(body, java.nio.charset.StandardCharsets.UTF_8));
    }

    static List<String> types(List<PreparedEntry> entries) {
        return entries.stream().map(PreparedEntry::type).toList();
    }

    static CapabilityStatement capabilities(String... types) {
        CapabilityStatement statement = new CapabilityStatement();
        var rest = statement.addRest().setMode(CapabilityStatement.RestfulCapabilityMode.SERVER);
        for (String type : types) {
            rest.addResource().setType(type);
        }
        return statement;
    }
}
