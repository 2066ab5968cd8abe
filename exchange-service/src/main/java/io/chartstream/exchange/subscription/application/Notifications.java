package io.chartstream.exchange.subscription.application;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.contracts.exchange.RemovalReason;
import io.chartstream.exchange.subscription.domain.FeedItem;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * FHIR notifications in the style of the Subscriptions R5 Backport IG for R4: a {@code history}
 * Bundle whose first entry is the {@code subscription-status} Parameters (with
 * {@code events-since-subscription-start} and a {@code notification-event} per event, carrying
 * its {@code event-number}), followed by the changed resources. Each organization has one
 * subscription, {@code Subscription/<orgId>}, on topic {@value #TOPIC}. Built only from stored
 * data, so a retried notification is byte for byte the same.
 */
@ApplicationScoped
public class Notifications {

    public static final String TOPIC = "https://chartstream.io/fhir/SubscriptionTopic/org-view-changed";
    static final String NOTIFICATION_PROFILE =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-notification-r4";
    static final String STATUS_PROFILE =
            "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4";

    private final FhirContext fhir;

    public Notifications(FhirContext fhir) {
        this.fhir = fhir;
    }

    /** {@code type}: event-notification for a webhook, query-event for {@code $events}. */
    public Bundle bundle(
            String organization, String type, long eventsSinceStart, List<FeedItem> items, String fhirBase) {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY);
        bundle.getMeta().addProfile(NOTIFICATION_PROFILE);
        if (items.size() == 1) {
            bundle.setId(items.get(0).eventId().toString());
            bundle.setTimestamp(Date.from(items.get(0).recordedAt()));
        }
        Parameters status = new Parameters();
        status.getMeta().addProfile(STATUS_PROFILE);
        status.addParameter().setName("subscription").setValue(new Reference("Subscription/" + organization));
        status.addParameter().setName("topic").setValue(new CanonicalType(TOPIC));
        status.addParameter().setName("status").setValue(new CodeType("active"));
        status.addParameter().setName("type").setValue(new CodeType(type));
        status.addParameter()
                .setName("events-since-subscription-start")
                .setValue(new StringType(Long.toString(eventsSinceStart)));
        var parser = fhir.newJsonParser();
        List<Resource> resources = items.stream()
                .map(i -> (Resource) parser.parseResource(i.resourceJson()))
                .toList();
        for (int i = 0; i < items.size(); i++) {
            FeedItem item = items.get(i);
            Resource r = resources.get(i);
            var event = status.addParameter().setName("notification-event");
            event.addPart().setName("event-number").setValue(new StringType(Long.toString(item.eventNumber())));
            event.addPart().setName("timestamp").setValue(new InstantType(Date.from(item.recordedAt())));
            event.addPart()
                    .setName("focus")
                    .setValue(
                            new Reference(r.fhirType() + "/" + r.getIdElement().getIdPart()));
        }
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + (items.size() == 1 ? items.get(0).eventId() : UUID.randomUUID()))
                .setResource(status)
                .getRequest()
                .setMethod(Bundle.HTTPVerb.GET)
                .setUrl("Subscription/" + organization + "/$status");
        bundle.getEntryFirstRep().getResponse().setStatus("200");
        for (int i = 0; i < items.size(); i++) {
            Resource r = resources.get(i);
            String change = items.get(i).change();
            String relative = r.fhirType() + "/" + r.getIdElement().getIdPart();
            Bundle.BundleEntryComponent entry = bundle.addEntry().setFullUrl(fhirBase + "/" + relative);
            switch (change) {
                case "added" -> {
                    entry.setResource(r)
                            .getRequest()
                            .setMethod(Bundle.HTTPVerb.POST)
                            .setUrl(r.fhirType());
                    entry.getResponse().setStatus("201");
                }
                case "removed" -> {
                    // left the organization's view (consent, a block, an ended relationship, or
                    // entered in error, which the outcome says): no content
                    entry.getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl(relative);
                    entry.getResponse().setStatus("204");
                    if (r.getMeta().getTag(RemovalReason.SYSTEM, RemovalReason.ENTERED_IN_ERROR) != null) {
                        entry.getResponse().setOutcome(enteredInError(relative));
                    }
                }
                default -> {
                    entry.setResource(r)
                            .getRequest()
                            .setMethod(Bundle.HTTPVerb.PUT)
                            .setUrl(relative);
                    entry.getResponse().setStatus("200");
                }
            }
        }
        return bundle;
    }

    private static OperationOutcome enteredInError(String relative) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.DELETED)
                .setDiagnostics(relative + " was entered in error: the organization that recorded it withdrew it");
        outcome.getIssueFirstRep()
                .getDetails()
                .addCoding()
                .setSystem(RemovalReason.SYSTEM)
                .setCode(RemovalReason.ENTERED_IN_ERROR);
        return outcome;
    }

    public byte[] encode(Bundle bundle) {
        return fhir.newJsonParser().encodeResourceToString(bundle).getBytes(StandardCharsets.UTF_8);
    }
}
