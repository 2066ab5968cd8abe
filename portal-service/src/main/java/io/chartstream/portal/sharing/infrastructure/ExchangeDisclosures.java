package io.chartstream.portal.sharing.infrastructure;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import io.chartstream.portal.sharing.domain.Disclosure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;

import java.util.ArrayList;
import java.util.List;

/**
 * The patient's accounting of disclosures: the exchange's audit trail of their record (FHIR R4
 * AuditEvents, parsed with HAPI), read with the patient's own token, newest first.
 */
@ApplicationScoped
public class ExchangeDisclosures {

    /** How many of the newest records the page shows. */
    static final int PAGE = 200;

    private final ExchangeApi exchange;
    private final FhirContext fhir;

    public ExchangeDisclosures(@RestClient ExchangeApi exchange, FhirContext fhir) {
        this.exchange = exchange;
        this.fhir = fhir;
    }

    public List<Disclosure> newest(String accessToken) {
        String json;
        try {
            json = exchange.auditEvents("Bearer " + accessToken, PAGE);
        } catch (WebApplicationException e) {
            throw new SharingUnavailableException(
                    "the exchange answered " + e.getResponse().getStatus() + " to the audit read", e);
        } catch (ProcessingException e) {
            throw new SharingUnavailableException("the exchange does not answer", e);
        }
        try {
            Bundle bundle = fhir.newJsonParser().parseResource(Bundle.class, json);
            List<Disclosure> disclosures = new ArrayList<>();
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.getResource() instanceof AuditEvent event) {
                    disclosures.add(disclosure(event));
                }
            }
            return disclosures;
        } catch (DataFormatException e) {
            throw new SharingUnavailableException("the exchange's audit answer is not a FHIR Bundle", e);
        }
    }

    static Disclosure disclosure(AuditEvent event) {
        String user = null;
        String organization = null;
        String purpose = null;
        for (AuditEvent.AuditEventAgentComponent agent : event.getAgent()) {
            Reference who = agent.getWho();
            if (who.getReference() != null && who.getReference().startsWith("Organization/")) {
                organization = who.getReference().substring("Organization/".length());
            } else if (who.hasIdentifier()) {
                user = who.getIdentifier().getValue();
            }
            if (agent.hasPurposeOfUse()) {
                purpose = agent.getPurposeOfUseFirstRep().getCodingFirstRep().getCode();
            }
        }
        List<String> what = new ArrayList<>();
        for (AuditEvent.AuditEventEntityComponent entity : event.getEntity()) {
            Reference ref = entity.getWhat();
            if (ref.getReference() != null && ref.getReference().startsWith("Patient/")) {
                continue;
            }
            String text = ref.getReference() != null ? ref.getReference() : ref.getDisplay();
            if (text != null) {
                what.add(text);
            }
        }
        return new Disclosure(
                Long.parseLong(event.getIdElement().getIdPart()),
                event.getRecorded().toInstant(),
                user,
                organization,
                event.hasSubtype()
                        ? event.getSubtypeFirstRep().getCode()
                        : event.getType().getCode(),
                what,
                purpose,
                event.getOutcome() != null && event.getOutcome() != AuditEvent.AuditEventOutcome._0,
                event.getOutcomeDesc());
    }
}
