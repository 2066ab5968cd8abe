package io.chartstream.portal.sharing.web;

import io.chartstream.portal.identity.web.NotAPatientException;
import io.chartstream.portal.identity.web.SignedInPatient;
import io.chartstream.portal.sharing.domain.ChoiceForm;
import io.chartstream.portal.sharing.domain.SensitiveCategory;
import io.chartstream.portal.sharing.domain.Sharing;
import io.chartstream.portal.sharing.infrastructure.ConsentRefusedException;
import io.chartstream.portal.sharing.infrastructure.ExchangeSharing;
import io.chartstream.portal.sharing.infrastructure.SharingUnavailableException;
import io.chartstream.portal.views.application.PatientViews;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import io.quarkus.security.ForbiddenException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * "Who can see my record": the organizations that can see it and on what basis since when, the
 * break-the-glass sessions, the ended relationships, and the consent form (share or opt out,
 * block organizations, withhold sensitive categories, share 42 CFR Part 2 records with named
 * organizations). Read from and recorded at the exchange with the patient's own token; a saved
 * choice redirects (303) to the page read after it took effect.
 */
@Path("/sharing")
@Authenticated
public class SharingPage {

    /** A position of the exchange's event store, e.g. {@code exchange-service/42}: what a save answered. */
    private static final Pattern POSITION = Pattern.compile("[A-Za-z0-9._-]+/[0-9]+");

    private final SignedInPatient signedIn;
    private final PatientToken token;
    private final ExchangeSharing exchange;
    private final PatientViews views;

    public SharingPage(SignedInPatient signedIn, PatientToken token, ExchangeSharing exchange, PatientViews views) {
        this.signedIn = signedIn;
        this.token = token;
        this.exchange = exchange;
        this.views = views;
    }

    @GET
    @RolesAllowed("patient")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page(@QueryParam("saved") String savedAt) {
        UUID person = signedIn.personId();
        recordView(person);
        boolean saved = savedAt != null;
        String after = saved && POSITION.matcher(savedAt).matches() ? savedAt : null;
        Sharing sharing = exchange.read(person, token.accessToken(), after);
        return SharingPages.sharing(sharing, SensitiveCategory.values(), saved, null, signedIn.userName());
    }

    @POST
    @RolesAllowed("patient")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response save(
            @FormParam("sharing") String sharingChoice,
            @FormParam("block") List<String> block,
            @FormParam("withhold") List<String> withhold,
            @FormParam("part2") List<String> part2,
            @HeaderParam("Origin") String origin,
            @HeaderParam("Sec-Fetch-Site") String fetchSite,
            @HeaderParam("Host") String host) {
        if (!SameOrigin.allows(origin, fetchSite, host)) {
            return problem(
                    Response.Status.FORBIDDEN,
                    "This change did not come from the portal",
                    "Your sharing choices were not changed. Open the sharing page and save your choices there.");
        }
        UUID person = signedIn.personId();
        String accessToken = token.accessToken();
        Sharing current = exchange.read(person, accessToken, null);
        Set<String> directory = current.organizations().stream()
                .map(Sharing.OrganizationName::id)
                .collect(Collectors.toSet());
        ChoiceForm.Result form = ChoiceForm.read(sharingChoice, block, withhold, part2, directory);
        if (form instanceof ChoiceForm.Invalid invalid) {
            return refused(current, invalid.message());
        }
        try {
            String position = exchange.record(person, ((ChoiceForm.Valid) form).choices(), accessToken);
            return Response.seeOther(UriBuilder.fromPath("/sharing")
                            .queryParam("saved", position == null ? "" : position)
                            .build())
                    .build();
        } catch (ConsentRefusedException e) {
            return refused(current, "The exchange did not accept this choice: " + e.getMessage());
        }
    }

    private Response refused(Sharing current, String message) {
        return Response.status(422)
                .type(MediaType.TEXT_HTML_TYPE)
                .entity(SharingPages.sharing(current, SensitiveCategory.values(), false, message, signedIn.userName())
                        .render())
                .build();
    }

    private void recordView(UUID person) {
        try {
            views.viewed(person, signedIn.userName(), "sharing");
        } catch (SQLException e) {
            throw new SharingUnavailableException("the view could not be recorded", e);
        }
    }

    @ServerExceptionMapper
    public Response notAPatient(ForbiddenException e) {
        return problem(
                Response.Status.FORBIDDEN,
                "This page is for patients",
                "It shows who can see a patient's own record, and your account is not a patient account.");
    }

    @ServerExceptionMapper
    public Response notLinked(NotAPatientException e) {
        return Problems.notLinked(signedIn.userName());
    }

    @ServerExceptionMapper
    public Response unavailable(SharingUnavailableException e) {
        return Problems.unavailable(e, signedIn.userName());
    }

    private Response problem(Response.Status status, String heading, String message) {
        return Problems.page(status, heading, message, signedIn.userName());
    }
}
