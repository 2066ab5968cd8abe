package io.chartstream.exchange.fhirapi.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * FHIR operations ({@code $everything}, {@code $events}) arrive with {@code $} as it is, or
 * percent-encoded as {@code %24} by clients that encode every reserved character (REST Assured,
 * Spring's UriComponentsBuilder). The REST layer matches the raw path, so the encoded form is
 * turned back into {@code $} before routing: both spellings reach the same operation.
 */
@ApplicationScoped
public class FhirOperationPaths {

    void install(@Observes Router router) {
        router.route().order(-1000).handler(rc -> {
            String path = rc.request().path();
            if (path != null && path.contains("/%24")) {
                String query = rc.request().query();
                rc.reroute(path.replace("/%24", "/$") + (query == null ? "" : "?" + query));
            } else {
                rc.next();
            }
        });
    }
}
