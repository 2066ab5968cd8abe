package io.chartstream.portal.sharing.web;

import io.chartstream.portal.sharing.infrastructure.SharingUnavailableException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;

/** The problem pages the sharing and disclosure pages answer with. */
final class Problems {

    private static final Logger LOG = Logger.getLogger(Problems.class);

    private Problems() {}

    static Response page(Response.Status status, String heading, String message, String userName) {
        return Response.status(status)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(SharingPages.problem(heading, message, userName).render())
                .build();
    }

    static Response notLinked(String userName) {
        return page(
                Response.Status.FORBIDDEN,
                "Your account is not linked to a health record",
                "Please contact the exchange's help desk.",
                userName);
    }

    static Response unavailable(SharingUnavailableException e, String userName) {
        LOG.warnf("privacy pages unavailable: %s", e.getMessage());
        return page(
                Response.Status.SERVICE_UNAVAILABLE,
                "This page cannot be shown right now",
                "The exchange is not answering. Nothing was changed or lost; please reload this page in a minute.",
                userName);
    }
}
