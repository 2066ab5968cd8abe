package io.chartstream.portal.sharing.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import io.chartstream.fhir.consent.PrivacyConsents;
import io.chartstream.fhir.consent.SharingChoices;
import io.chartstream.portal.sharing.domain.Sharing;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.hl7.fhir.r4.model.OperationOutcome;

import java.util.Date;
import java.util.UUID;

/**
 * Reads a person's sharing from the exchange and records their consent there, as a FHIR R4
 * patient-privacy Consent (chartstream-fhir's PrivacyConsents), with the patient's own token.
 */
@ApplicationScoped
public class ExchangeSharing {

    private static final String POSITION = "X-ChartStream-Position";

    private final ExchangeApi exchange;
    private final FhirContext fhir;

    public ExchangeSharing(@RestClient ExchangeApi exchange, FhirContext fhir) {
        this.exchange = exchange;
        this.fhir = fhir;
    }

    /** The sharing as the exchange enforces it, once its views applied {@code after} (null: now). */
    public Sharing read(UUID person, String accessToken, String after) {
        try {
            return exchange.sharing(person, "Bearer " + accessToken, after);
        } catch (WebApplicationException e) {
            throw new SharingUnavailableException(
                    "the exchange answered " + e.getResponse().getStatus() + " to the sharing read", e);
        } catch (ProcessingException e) {
            throw new SharingUnavailableException("the exchange does not answer", e);
        }
    }

    /** Records the whole choice, replacing the previous one; answers the position to read after. */
    public String record(UUID person, Sharing.Choices choices, String accessToken) {
        SharingChoices consent = SharingChoices.of(
                choices.optOut(),
                choices.blockedOrganizations(),
                choices.withheldCategories(),
                choices.part2SharedWith());
        String body = fhir.newJsonParser().encodeResourceToString(PrivacyConsents.toFhir(person, consent, new Date()));
        try (Response answer = exchange.recordConsent(body, "Bearer " + accessToken)) {
            return answer.getHeaderString(POSITION);
        } catch (WebApplicationException e) {
            Response refused = e.getResponse();
            if (refused.getStatus() >= 500) {
                throw new SharingUnavailableException("the exchange answered " + refused.getStatus(), e);
            }
            throw new ConsentRefusedException(diagnostics(refused));
        } catch (ProcessingException e) {
            throw new SharingUnavailableException("the exchange does not answer", e);
        }
    }

    private String diagnostics(Response refused) {
        try {
            String body = refused.readEntity(String.class);
            OperationOutcome outcome = fhir.newJsonParser().parseResource(OperationOutcome.class, body);
            return outcome.getIssue().isEmpty()
                    ? "the exchange refused the choice (" + refused.getStatus() + ")"
                    : outcome.getIssueFirstRep().getDiagnostics();
        } catch (DataFormatException | IllegalStateException | ProcessingException e) {
            return "the exchange refused the choice (" + refused.getStatus() + ")";
        }
    }
}
