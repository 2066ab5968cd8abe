package io.chartstream.exchange.gateway.application;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import io.chartstream.exchange.read.application.Disclosures;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.fhir.PatientCompartment;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Resource;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes need a care relationship: an organization adds to or amends a person's record only while
 * it has an active relationship with the person (any basis). The person is the entry's subject
 * or, for an amendment, the person the entry already belongs to. A registration's relationship
 * reaches the views a moment after the registration's answer, so a missing one is looked for
 * again for up to {@link #CATCH_UP} before the write is refused.
 */
@ApplicationScoped
public class CareCheck {

    static final Duration CATCH_UP = Duration.ofSeconds(2);
    private static final long POLL_MILLIS = 50;

    private final OrgViews views;
    private final Disclosures disclosures;
    private final FhirContext fhir;

    public CareCheck(OrgViews views, Disclosures disclosures, FhirContext fhir) {
        this.views = views;
        this.disclosures = disclosures;
        this.fhir = fhir;
    }

    /**
     * Refuses (403, audited) a write of the caller's organization to a person it has no active
     * relationship with. {@code body} null: a DELETE, whose person is the entry's in the views
     * (unknown there: the owner answers, and refuses any organization but the recording one).
     */
    public void requireForWrite(ActingParty caller, String resourceType, String id, String body)
            throws SQLException, InterruptedException {
        Optional<UUID> person = id != null ? views.personOf(resourceType, id) : Optional.empty();
        if (person.isEmpty() && body != null) {
            person = subjectOf(body);
        }
        if (person.isEmpty()) {
            return; // no person to check: the owner refuses the write (400/422) on its own terms
        }
        requireForPerson(caller, person.get(), resourceType + "/write");
    }

    /** Refuses (403, audited) a write about {@code person} by an organization without an active relationship. */
    public void requireForPerson(ActingParty caller, UUID person, String what)
            throws SQLException, InterruptedException {
        requireForPerson(caller, person, what, CATCH_UP);
    }

    /**
     * As {@link #requireForPerson(ActingParty, UUID, String)}, looking again for up to {@code catchUp}:
     * a bulk load registers a person in one transaction and writes the rest of the record in the
     * next ones, while the views, busy with the load, may be seconds behind.
     */
    public void requireForPerson(ActingParty caller, UUID person, String what, Duration catchUp)
            throws SQLException, InterruptedException {
        String organization = caller.organization();
        long deadline = System.nanoTime() + catchUp.toNanos();
        while (views.activeBases(person, organization).isEmpty()) {
            if (System.nanoTime() > deadline) {
                if (views.knows(person)) {
                    disclosures.refused(person, caller, what);
                }
                throw FhirProblem.forbidden("organization " + organization + " has no active care relationship with"
                        + " Patient/" + person + " and may not write to the record. A clinician treating the"
                        + " person can attest the relationship first (POST Patient/<id>/$attest-treatment)");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private Optional<UUID> subjectOf(String body) {
        Resource resource;
        try {
            resource = (Resource) fhir.newJsonParser().parseResource(body);
        } catch (DataFormatException | ClassCastException e) {
            return Optional.empty();
        }
        List<IIdType> owners = PatientCompartment.owners(fhir, resource);
        if (owners.isEmpty() || owners.get(0).getIdPart() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(UUID.fromString(owners.get(0).getIdPart()));
        } catch (IllegalArgumentException notAPerson) {
            return Optional.empty();
        }
    }
}
