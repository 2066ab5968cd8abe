package io.chartstream.system.chaos;

import io.chartstream.system.Fhir;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one organization sees of the person: every page of its {@code $everything}, reduced to the
 * load's Observations by Idempotency-Key. Two entries under one key are a write recorded twice.
 */
final class OrgView {

    private final Map<String, List<String>> entriesByKey;

    private OrgView(Map<String, List<String>> entriesByKey) {
        this.entriesByKey = entriesByKey;
    }

    /** Every page, or empty when a page did not come (the view is not readable yet). */
    static Optional<OrgView> read(ChaosHttp http, String token, String personId) {
        Map<String, List<String>> byKey = new HashMap<>();
        String path = "/fhir/Patient/" + personId + "/$everything?_count=500";
        while (path != null) {
            ChaosHttp.Answer page = http.get(0, token, path);
            if (page.status() != 200) {
                return Optional.empty();
            }
            Bundle bundle = Fhir.bundle(page.body());
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() instanceof Observation o) {
                    for (Identifier id : o.getIdentifier()) {
                        if (ClosedLoad.KEY_SYSTEM.equals(id.getSystem())) {
                            byKey.computeIfAbsent(id.getValue(), k -> new ArrayList<>())
                                    .add(o.getIdPart());
                        }
                    }
                }
            }
            Bundle.BundleLinkComponent next = bundle.getLink("next");
            // the next link names the gateway that answered; ask the same one as the first page
            path = next == null ? null : next.getUrl().substring(next.getUrl().indexOf("/fhir/"));
        }
        return Optional.of(new OrgView(byKey));
    }

    /** The acknowledged write is in the view (under its key, with the id it was acknowledged with). */
    boolean holds(ClosedLoad.Write write) {
        return entriesByKey.getOrDefault(write.key(), List.of()).contains(write.id());
    }

    /** Entries beyond the first under each key: the writes recorded more than once. */
    int duplicated() {
        return entriesByKey.values().stream().mapToInt(ids -> ids.size() - 1).sum();
    }

    /** The keys recorded more than once, with their entries, for the failure message. */
    Map<String, List<String>> duplicates() {
        Map<String, List<String>> twice = new HashMap<>();
        entriesByKey.forEach((key, ids) -> {
            if (ids.size() > 1) {
                twice.put(key, ids);
            }
        });
        return twice;
    }

    int entries() {
        return entriesByKey.values().stream().mapToInt(List::size).sum();
    }
}
