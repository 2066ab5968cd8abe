package io.chartstream.exchange.directory.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.exchange.directory.application.ProviderDirectory;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;

import java.net.URI;

/** A searchset Bundle of directory resources, with {@code total}, a self link and a next link while more remain. */
final class SearchBundle {

    private SearchBundle() {}

    static String of(
            FhirContext fhir,
            String base,
            String type,
            URI request,
            DirectorySearches search,
            ProviderDirectory.Page page) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.SEARCHSET).setTotal(page.total());
        bundle.addLink().setRelation("self").setUrl(request.toString());
        int next = search.offset() + page.matches().size();
        if (!page.matches().isEmpty() && next < page.total()) {
            bundle.addLink().setRelation("next").setUrl(withOffset(request, next));
        }
        for (ProviderDirectory.Stored stored : page.matches()) {
            bundle.addEntry()
                    .setFullUrl(base + "/" + type + "/" + stored.id())
                    .setResource((Resource) fhir.newJsonParser().parseResource(stored.json()))
                    .getSearch()
                    .setMode(Bundle.SearchEntryMode.MATCH);
        }
        return fhir.newJsonParser().encodeResourceToString(bundle);
    }

    /** The request again, starting at {@code offset}. */
    private static String withOffset(URI request, int offset) {
        String query = request.getRawQuery() == null ? "" : request.getRawQuery();
        StringBuilder kept = new StringBuilder();
        for (String part : query.split("&")) {
            if (!part.isEmpty() && !part.startsWith("_offset=")) {
                kept.append(part).append('&');
            }
        }
        String uri = request.toString();
        int q = uri.indexOf('?');
        return (q < 0 ? uri : uri.substring(0, q)) + "?" + kept + "_offset=" + offset;
    }
}
