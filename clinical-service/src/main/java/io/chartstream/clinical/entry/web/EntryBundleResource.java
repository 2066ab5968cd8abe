package io.chartstream.clinical.entry.web;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.clinical.entry.application.ClinicalEntryQueries;
import io.chartstream.clinical.entry.application.ClinicalEntryService;
import io.chartstream.clinical.entry.application.EntryWritten;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.AmendEntry;
import io.chartstream.clinical.entry.domain.ClinicalEntryCommand.RecordEntry;
import io.chartstream.clinical.entry.domain.EntryRejected;
import io.chartstream.clinical.entry.domain.EntryType;
import io.chartstream.clinical.entry.domain.FhirJson;
import io.chartstream.clinical.entry.domain.Provenance;
import io.chartstream.clinical.entry.infrastructure.StoredEntry;
import io.chartstream.eventsourcing.runtime.EventSourcingConfig;
import io.chartstream.eventsourcing.store.StreamConflictException;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.BodySizeLimit;
import io.chartstream.fhir.ETags;
import io.chartstream.fhir.FhirMediaTypes;
import io.chartstream.fhir.FhirProblem;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The clinical part of a FHIR transaction, from the gateway: every entry a {@code POST} (its
 * {@code resource.id} the entry id the gateway assigned) or a {@code PUT Type/id} with
 * {@code ifMatch}, references between them already resolved to {@code Type/id}. Recorded all
 * together in ONE database transaction or not at all; a refusal names the entry by its index.
 * An entry that names no patient (a Medication) belongs to the one person the other entries are
 * about. The same transaction arriving again (an Idempotency-Key retry) is answered as the first
 * time and records nothing twice. A {@code batch} of reads is answered by {@link EntryReads}, a
 * {@code batch} of {@code Type/$validate} by {@link EntryValidations} (nothing written).
 */
@Path("/fhir")
@Authenticated
@Produces({FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
public class EntryBundleResource {

    private record Planned(int index, ClinicalEntryCommand command) {}

    private final ClinicalEntryService service;
    private final ClinicalEntryQueries queries;
    private final FhirEntries entries;
    private final AmendmentSubjects subjects;
    private final FhirContext fhir;
    private final String source;
    private final BodySizeLimit sizeLimit;
    private final EntryReads reads;
    private final EntryValidations validations;

    public EntryBundleResource(
            ClinicalEntryService service,
            ClinicalEntryQueries queries,
            FhirEntries entries,
            AmendmentSubjects subjects,
            FhirContext fhir,
            EventSourcingConfig config,
            BodySizeLimit sizeLimit,
            EntryReads reads,
            EntryValidations validations) {
        this.sizeLimit = sizeLimit;
        this.reads = reads;
        this.validations = validations;
        this.service = service;
        this.queries = queries;
        this.entries = entries;
        this.subjects = subjects;
        this.fhir = fhir;
        this.source = config.source();
    }

    @POST
    @RolesAllowed("internal-service")
    @Consumes({FhirMediaTypes.FHIR_JSON, MediaType.APPLICATION_JSON})
    public Response transaction(
            @HeaderParam(ActingParty.ORGANIZATION_HEADER) String organization,
            @HeaderParam(ActingParty.ACTOR_HEADER) String actor,
            @HeaderParam(ActingParty.CORRELATION_HEADER) String correlationId,
            String body)
            throws Exception {
        ActingParty party = ActingParty.fromGatewayHeaders(organization, actor, correlationId);
        Bundle bundle = entries.parseBundle(body);
        if (bundle.getType() == Bundle.BundleType.BATCH) {
            Bundle answer = EntryValidations.asksFor(bundle) ? validations.answer(bundle) : reads.answer(bundle);
            return Response.ok(fhir.newJsonParser().encodeResourceToString(answer), FhirMediaTypes.FHIR_JSON_UTF8)
                    .build();
        }
        if (bundle.getType() != Bundle.BundleType.TRANSACTION) {
            throw FhirProblem.invalid("clinical-service takes a Bundle of type transaction, or a batch of reads");
        }
        Provenance by = new Provenance(party.organization(), party.actor());
        List<Planned> planned = plan(bundle, by);
        List<EntryWritten> written;
        try {
            written = service.recordAll(planned.stream().map(Planned::command).toList(), party.metadata());
        } catch (EntryRejected e) {
            if (e.reason() == EntryRejected.Reason.ALREADY_RECORDED) {
                return alreadyRecorded(planned, party);
            }
            throw e; // answered as for a single entry (ClinicalEntryExceptionMappers)
        } catch (StreamConflictException e) {
            return alreadyRecorded(planned, party);
        }
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        long position = 0;
        for (int i = 0; i < planned.size(); i++) {
            EntryWritten w = written.get(i);
            ClinicalEntryCommand command = planned.get(i).command();
            position = Math.max(position, w.position());
            response.addEntry()
                    .getResponse()
                    .setStatus(command instanceof RecordEntry ? "201 Created" : "200 OK")
                    .setLocation(typeOf(command).resourceType() + "/" + w.entryId() + "/_history/" + w.version())
                    .setEtag(ETags.of(w.version()));
        }
        return Response.ok(fhir.newJsonParser().encodeResourceToString(response), FhirMediaTypes.FHIR_JSON_UTF8)
                .header(ClinicalEntryResource.POSITION, source + "/" + position)
                .build();
    }

    /**
     * Validates (or finds the verdict this service gave on the same content moments ago,
     * {@link ValidationVerdicts}) and stamps every entry; the first that fails refuses the whole
     * transaction, named by index.
     */
    private List<Planned> plan(Bundle bundle, Provenance by) throws Exception {
        List<Planned> planned = new ArrayList<>();
        List<Integer> personless = new ArrayList<>();
        Set<UUID> persons = new TreeSet<>();
        Instant now = Instant.now();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            BundleEntryComponent entry = bundle.getEntry().get(i);
            try {
                Resource resource = entry.getResource();
                if (resource == null) {
                    throw FhirProblem.invalid("the entry has no resource");
                }
                EntryType type = EntryType.ofResourceType(resource.fhirType())
                        .orElseThrow(() -> FhirProblem.unprocessable(
                                resource.fhirType() + " is not a clinical entry type of this service"));
                Resource valid = entries.valid(type, resource);
                Optional<UUID> person = entries.subjectOf(type, valid);
                person.ifPresentOrElse(persons::add, () -> personless.add(planned.size()));
                HTTPVerb method = entry.getRequest().getMethod();
                ClinicalEntryCommand command;
                if (method == HTTPVerb.POST) {
                    UUID entryId = uuidOf(resource.getIdElement().getIdPart(), "resource.id (the entry id)");
                    command = new RecordEntry(
                            entryId, person.orElse(null), type, withinLimit(entries.stamp(valid, entryId, 1, now)), by);
                } else if (method == HTTPVerb.PUT) {
                    IdType url = new IdType(entry.getRequest().getUrl());
                    UUID entryId = uuidOf(url.getIdPart(), "request.url's id");
                    long expected = ETags.expectedFrom(entry.getRequest().getIfMatch());
                    UUID subject = subjects.personOf(type, entryId, person, valid);
                    command = new AmendEntry(
                            entryId,
                            expected,
                            subject,
                            type,
                            withinLimit(entries.stamp(valid, entryId, expected + 1, now)),
                            by);
                } else {
                    throw FhirProblem.invalid("request.method must be POST or PUT, not " + method);
                }
                planned.add(new Planned(i, command));
            } catch (FhirProblem | InvalidResourceException e) {
                throw atEntry(i, e);
            }
        }
        if (!personless.isEmpty()) {
            if (persons.size() != 1) {
                int at = planned.get(personless.get(0)).index();
                throw atEntry(
                        at,
                        FhirProblem.unprocessable(
                                "a " + bundle.getEntry().get(at).getResource().fhirType()
                                        + " names no patient and the transaction is about " + persons.size()
                                        + " persons, not one: it belongs to the person of the entries it came with"));
            }
            UUID person = persons.iterator().next();
            for (int p : personless) {
                if (planned.get(p).command() instanceof RecordEntry r) {
                    planned.set(
                            p,
                            new Planned(
                                    planned.get(p).index(),
                                    new RecordEntry(r.entryId(), person, r.type(), r.resource(), r.provenance())));
                }
            }
        }
        return planned;
    }

    /**
     * A retry of a transaction that committed: every entry it created exists, recorded by this
     * organization. Answered as the first time (the entries as they are now).
     */
    private Response alreadyRecorded(List<Planned> planned, ActingParty party) throws Exception {
        Bundle response = new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
        for (Planned p : planned) {
            ClinicalEntryCommand command = p.command();
            EntryType type = typeOf(command);
            StoredEntry stored = queries.current(type, command.entryId())
                    .filter(e -> party.organization().equals(e.organization()))
                    .orElseThrow(() -> atEntry(
                            p.index(),
                            FhirProblem.conflict(type.resourceType() + "/" + command.entryId()
                                    + " exists and was not recorded by this transaction")));
            long version = command instanceof RecordEntry ? 1 : stored.version();
            response.addEntry()
                    .getResponse()
                    .setStatus(command instanceof RecordEntry ? "201 Created" : "200 OK")
                    .setLocation(type.resourceType() + "/" + stored.entryId() + "/_history/" + version)
                    .setEtag(ETags.of(version));
        }
        return Response.ok(fhir.newJsonParser().encodeResourceToString(response), FhirMediaTypes.FHIR_JSON_UTF8)
                .build();
    }

    /** One entry is one event: it may be no larger than a single resource may be (413 otherwise). */
    private FhirJson withinLimit(FhirJson stamped) {
        sizeLimit.requireWithin(stamped.json());
        return stamped;
    }

    private static EntryType typeOf(ClinicalEntryCommand command) {
        return switch (command) {
            case RecordEntry r -> r.type();
            case AmendEntry a -> a.type();
            case ClinicalEntryCommand.EnterInError e -> e.type();
        };
    }

    private static UUID uuidOf(String id, String what) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw FhirProblem.invalid(what + " must be a UUID, not " + id);
        }
    }

    static FhirProblem atEntry(int index, RuntimeException e) {
        int status = e instanceof FhirProblem p ? p.status() : 422;
        var type =
                e instanceof FhirProblem p ? p.issueType() : org.hl7.fhir.r4.model.OperationOutcome.IssueType.INVALID;
        return new FhirProblem(status, type, "Bundle.entry[" + index + "]: " + e.getMessage());
    }
}
