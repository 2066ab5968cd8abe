package io.chartstream.exchange.bundle.application;

import ca.uhn.fhir.context.FhirContext;
import io.chartstream.contracts.clinical.ClinicalContracts;
import io.chartstream.exchange.bundle.domain.EntryIds;
import io.chartstream.exchange.bundle.domain.EntryKind;
import io.chartstream.exchange.directory.application.ProviderDirectory;
import io.chartstream.exchange.gateway.application.CareCheck;
import io.chartstream.exchange.gateway.application.ForwardedWrite;
import io.chartstream.exchange.gateway.application.RegistrationAnswers;
import io.chartstream.exchange.gateway.domain.StoredResponse;
import io.chartstream.exchange.gateway.infrastructure.OwnerForwarder;
import io.chartstream.exchange.organization.application.OrganizationDirectory;
import io.chartstream.exchange.read.application.Disclosures;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.BodySizeLimit;
import io.chartstream.fhir.FhirMediaTypes;
import io.chartstream.fhir.FhirProblem;
import io.chartstream.fhir.OperationOutcomes;
import io.chartstream.fhir.PatientCompartment;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleEntryResponseComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

import java.net.URLDecoder;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * FHIR {@code transaction} and {@code batch} Bundles at the gateway, forwarded to the owners.
 *
 * <p>A transaction is written in three steps: its directory entries (conditional creates, so a
 * repeat finds them), its registrations (patient-service; the person ids resolve the entries'
 * references), then every clinical entry together in ONE call that clinical-service commits in
 * one database transaction. Before the first write every entry is checked (types served,
 * references resolvable, and, when the transaction also registers or creates in the directory,
 * each clinical resource valid in clinical-service's eyes: {@link ValidationFirst}), so content
 * errors refuse the whole transaction before anything is written.
 * The rules of who may write hold for every entry: a clinical entry about a person the caller's
 * organization has no active relationship with refuses the transaction (403, audited).
 *
 * <p>A batch's entries are independent: each is processed on its own and answered with its own
 * status (and OperationOutcome).
 */
@ApplicationScoped
public class BundleProcessor {

    /** An entry of the Bundle with its references, found once (a walk of the whole resource). */
    record Entry(
            int index, EntryKind kind, String resourceType, BundleEntryComponent source, List<Reference> references) {}

    /** How long a Bundle waits for the views to show the care relationship of a person it names by id. */
    static final Duration CARE_CATCH_UP = Duration.ofSeconds(15);

    private final FhirContext fhir;
    private final BundleReferences references;
    private final ProviderDirectory directory;
    private final OwnerForwarder forwarder;
    private final CareCheck care;
    private final OrganizationDirectory organizations;
    private final Disclosures disclosures;
    private final ValidationFirst validationFirst;
    private final BodySizeLimit sizeLimit;
    private final int maxEntries;

    public BundleProcessor(
            FhirContext fhir,
            BundleReferences references,
            ProviderDirectory directory,
            OwnerForwarder forwarder,
            CareCheck care,
            OrganizationDirectory organizations,
            Disclosures disclosures,
            ValidationFirst validationFirst,
            BodySizeLimit sizeLimit,
            @ConfigProperty(name = "chartstream.bundle.max-entries", defaultValue = "5000") int maxEntries) {
        this.fhir = fhir;
        this.references = references;
        this.directory = directory;
        this.forwarder = forwarder;
        this.care = care;
        this.organizations = organizations;
        this.disclosures = disclosures;
        this.validationFirst = validationFirst;
        this.sizeLimit = sizeLimit;
        this.maxEntries = maxEntries;
    }

    public StoredResponse process(Bundle bundle, ActingParty caller, EntryIds ids)
            throws SQLException, InterruptedException {
        if (bundle.getEntry().size() > maxEntries) {
            throw new FhirProblem(
                    413,
                    IssueType.TOOLONG,
                    "the Bundle has " + bundle.getEntry().size() + " entries; the limit is " + maxEntries
                            + " per Bundle: split it into several transactions");
        }
        if (bundle.getType() == null) {
            throw FhirProblem.invalid("POST /fhir takes a Bundle of type transaction or batch; this one has no type");
        }
        return switch (bundle.getType()) {
            case TRANSACTION -> answer(transaction(bundle, caller, ids));
            case BATCH -> answer(batch(bundle, caller, ids));
            default ->
                throw FhirProblem.invalid("POST /fhir takes a Bundle of type transaction or batch, not "
                        + bundle.getType().toCode());
        };
    }

    // ---------------------------------------------------------------- transaction

    private Answer transaction(Bundle bundle, ActingParty caller, EntryIds ids)
            throws SQLException, InterruptedException {
        List<Entry> entries = classify(bundle);
        Map<String, String> targets = new HashMap<>();
        Set<String> fullUrls = new LinkedHashSet<>();
        for (Entry e : entries) {
            String fullUrl = e.source().getFullUrl();
            if (fullUrl != null && !fullUrl.isEmpty() && !fullUrls.add(fullUrl)) {
                throw EntryProblems.at(
                        e.index(),
                        e.resourceType(),
                        FhirProblem.invalid("fullUrl " + fullUrl + " is used by two entries"));
            }
            if (e.kind() == EntryKind.CLINICAL) {
                String id = clinicalId(e, ids);
                e.source().getResource().setId(id);
                if (fullUrl != null && !fullUrl.isEmpty()) {
                    targets.put(fullUrl, e.resourceType() + "/" + id);
                }
            }
        }
        boolean writesFirst = entries.stream().anyMatch(e -> e.kind() != EntryKind.CLINICAL);
        Set<UUID> inCare = new HashSet<>();
        for (Entry e : entries) {
            checkReferences(e, fullUrls);
            if (e.kind() == EntryKind.CLINICAL) {
                requireCareOfNamedPersons(e, caller, inCare);
            }
        }
        if (writesFirst) {
            // nothing may be written before the owner finds the content of every entry good
            validationFirst.requireValid(entries, targets, caller);
        }
        BundleEntryResponseComponent[] responses = new BundleEntryResponseComponent[entries.size()];
        for (Entry e : entries) {
            if (e.kind() == EntryKind.DIRECTORY) {
                responses[e.index()] = directoryEntry(e, targets, caller);
            }
        }
        Set<UUID> registered = new LinkedHashSet<>();
        for (Entry e : entries) {
            if (e.kind() == EntryKind.PATIENT) {
                responses[e.index()] = register(e, targets, caller, registered);
            }
        }
        List<Entry> clinical =
                entries.stream().filter(e -> e.kind() == EntryKind.CLINICAL).toList();
        String position = null;
        if (!clinical.isEmpty()) {
            position = recordClinical(clinical, targets, caller, registered, inCare, responses);
        }
        return new Answer(BundleType.TRANSACTIONRESPONSE, List.of(responses), position);
    }

    private List<Entry> classify(Bundle bundle) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            BundleEntryComponent source = bundle.getEntry().get(i);
            Resource resource = source.getResource();
            String type = resource == null ? "?" : resource.fhirType();
            if (resource == null) {
                throw EntryProblems.at(i, type, FhirProblem.invalid("the entry has no resource"));
            }
            EntryKind kind = EntryKind.of(type, ProviderDirectory.TYPES, ClinicalContracts.ENTRY_TYPES);
            if (kind == null) {
                throw EntryProblems.at(
                        i,
                        type,
                        FhirProblem.unprocessable(type + " is not served by this exchange"
                                + " (GET /fhir/metadata lists what is); leave such entries out"));
            }
            HTTPVerb method = source.getRequest().getMethod();
            String url = source.getRequest().getUrl();
            if (method == HTTPVerb.POST) {
                if (!type.equals(url)) {
                    throw EntryProblems.at(
                            i,
                            type,
                            FhirProblem.invalid(
                                    "a POST entry's request.url is its resource type, " + type + ", not " + url));
                }
            } else if (method == HTTPVerb.PUT && kind == EntryKind.PATIENT) {
                if (url == null
                        || !url.startsWith("Patient?identifier=")
                        || url.indexOf('|') < 0
                        || url.contains("&")) {
                    throw EntryProblems.at(
                            i,
                            type,
                            FhirProblem.invalid("a Patient PUT entry is a conditional update on the organization's own"
                                    + " identifier, Patient?identifier=system|value, not " + url));
                }
            } else if (method == HTTPVerb.PUT && kind == EntryKind.CLINICAL) {
                IdType target = new IdType(url == null ? "" : url);
                if (!type.equals(target.getResourceType()) || !target.hasIdPart()) {
                    throw EntryProblems.at(
                            i,
                            type,
                            FhirProblem.invalid("a PUT entry's request.url reads " + type + "/<id>, not " + url));
                }
            } else {
                throw EntryProblems.at(
                        i,
                        type,
                        FhirProblem.invalid("request.method " + method + " is not supported"
                                + " here: POST creates (any served type), PUT updates a clinical entry or, by"
                                + " Patient?identifier=system|value, the organization's own registration"));
            }
            entries.add(new Entry(i, kind, type, source, references.of(resource)));
        }
        return entries;
    }

    private static String clinicalId(Entry e, EntryIds ids) {
        return e.source().getRequest().getMethod() == HTTPVerb.PUT
                ? new IdType(e.source().getRequest().getUrl()).getIdPart()
                : ids.forEntry(e.index()).toString();
    }

    /** Every {@code urn:} reference names an entry of this Bundle: a broken one refuses it before any write. */
    private void checkReferences(Entry e, Set<String> fullUrls) {
        for (Reference reference : e.references()) {
            String value = reference.getReference();
            if (value != null && value.startsWith("urn:") && !fullUrls.contains(value)) {
                throw EntryProblems.at(
                        e.index(),
                        e.resourceType(),
                        FhirProblem.unprocessable("the reference " + value + " names no entry of this Bundle"));
            }
        }
    }

    /**
     * The persons an entry names by id ({@code Patient/<uuid>}) must be in the caller's care before
     * anything of the transaction is written (a person of the Bundle's own registrations is, once
     * registered; a conditional reference finds only persons in the caller's care).
     */
    private void requireCareOfNamedPersons(Entry e, ActingParty caller, Set<UUID> inCare)
            throws SQLException, InterruptedException {
        for (IIdType owner : PatientCompartment.owners(fhir, e.source().getResource())) {
            if ("Patient".equals(owner.getResourceType()) && owner.hasIdPart() && !owner.hasBaseUrl()) {
                try {
                    UUID person = personId(owner);
                    if (inCare.add(person)) {
                        care.requireForPerson(caller, person, e.resourceType() + "/write", CARE_CATCH_UP);
                    }
                } catch (FhirProblem problem) {
                    throw EntryProblems.at(e.index(), e.resourceType(), problem);
                }
            }
        }
    }

    private BundleEntryResponseComponent directoryEntry(Entry e, Map<String, String> targets, ActingParty caller)
            throws SQLException {
        try {
            Resource resource = e.source().getResource();
            references.rewrite(e.references(), targets, caller);
            ProviderDirectory.Created created = directory.create(
                    e.resourceType(),
                    sizeLimit.requireWithin(fhir.newJsonParser().encodeResourceToString(resource)),
                    e.source().getRequest().getIfNoneExist(),
                    caller);
            String fullUrl = e.source().getFullUrl();
            if (fullUrl != null && !fullUrl.isEmpty()) {
                targets.put(fullUrl, created.resourceType() + "/" + created.id());
            }
            return new BundleEntryResponseComponent()
                    .setStatus(created.created() ? "201 Created" : "200 OK")
                    .setLocation(created.resourceType() + "/" + created.id() + "/_history/" + created.version())
                    .setEtag("W/\"" + created.version() + "\"");
        } catch (FhirProblem problem) {
            throw EntryProblems.at(e.index(), e.resourceType(), problem);
        }
    }

    private BundleEntryResponseComponent register(
            Entry e, Map<String, String> targets, ActingParty caller, Set<UUID> registered) throws SQLException {
        Resource patient = e.source().getResource();
        String json;
        try {
            references.rewrite(e.references(), targets, caller);
            patient.setId((String) null);
            json = sizeLimit.requireWithin(fhir.newJsonParser().encodeResourceToString(patient));
        } catch (FhirProblem problem) {
            throw EntryProblems.at(e.index(), e.resourceType(), problem);
        }
        String systems = organizations
                .find(caller.organization())
                .map(o -> String.join(",", o.identifierSystems()))
                .orElse("");
        boolean revision = e.source().getRequest().getMethod() == HTTPVerb.PUT;
        String ifNoneExist = revision
                ? URLDecoder.decode(e.source().getRequest().getUrl().substring("Patient?".length()), UTF_8)
                : e.source().getRequest().getIfNoneExist();
        StoredResponse answer = forwarder.forward(new ForwardedWrite(
                revision ? "PUT" : "POST", "Patient", null, json, null, ifNoneExist, caller, systems, null));
        if (answer.status() != 200 && answer.status() != 201) {
            throw EntryProblems.fromOwner(fhir, answer, i -> e.index(), e.index(), e.resourceType());
        }
        UUID person = RegistrationAnswers.personOf(answer.location(), answer.body(), fhir)
                .orElseThrow(() -> FhirProblem.unavailable("patient-service answered a registration without its id"));
        disclosures.record(
                person,
                caller,
                revision
                        ? "Patient?conditional-update"
                        : ifNoneExist != null ? "Patient?conditional-create" : "Patient/create",
                "TREAT",
                List.of("Patient/" + person));
        registered.add(person);
        String fullUrl = e.source().getFullUrl();
        if (fullUrl != null && !fullUrl.isEmpty()) {
            targets.put(fullUrl, "Patient/" + person);
        }
        return new BundleEntryResponseComponent()
                .setStatus(answer.status() == 201 ? "201 Created" : "200 OK")
                .setLocation(answer.location() == null ? "Patient/" + person : relative(answer.location()))
                .setEtag(answer.etag());
    }

    /** Resolves, checks access for and records the clinical entries, all in one call to clinical-service. */
    private String recordClinical(
            List<Entry> clinical,
            Map<String, String> targets,
            ActingParty caller,
            Set<UUID> registered,
            Set<UUID> inCare,
            BundleEntryResponseComponent[] responses)
            throws SQLException, InterruptedException {
        Bundle owned = new Bundle().setType(BundleType.TRANSACTION);
        Set<UUID> persons = new LinkedHashSet<>();
        Map<UUID, Entry> firstAbout = new HashMap<>();
        for (Entry e : clinical) {
            Resource resource = e.source().getResource();
            try {
                references.rewrite(e.references(), targets, caller);
                for (IIdType owner : PatientCompartment.owners(fhir, resource)) {
                    UUID person = personId(owner);
                    if (persons.add(person)) {
                        firstAbout.put(person, e);
                    }
                }
            } catch (FhirProblem problem) {
                throw EntryProblems.at(e.index(), e.resourceType(), problem);
            }
            BundleEntryComponent entry = owned.addEntry()
                    .setFullUrl(e.resourceType() + "/" + resource.getIdElement().getIdPart())
                    .setResource(resource);
            entry.getRequest()
                    .setMethod(e.source().getRequest().getMethod())
                    .setUrl(e.source().getRequest().getUrl())
                    .setIfMatch(e.source().getRequest().getIfMatch());
        }
        persons.removeAll(registered); // the transaction's own registration puts its person in the caller's care
        persons.removeAll(inCare); // checked before the first write
        for (UUID person : persons) {
            Entry e = firstAbout.get(person);
            try {
                care.requireForPerson(caller, person, e.resourceType() + "/write", CARE_CATCH_UP);
            } catch (FhirProblem problem) {
                throw EntryProblems.at(e.index(), e.resourceType(), problem);
            }
        }
        StoredResponse answer = forwarder.transaction(fhir.newJsonParser().encodeResourceToString(owned), caller);
        if (answer.status() != 200) {
            Entry first = clinical.get(0);
            throw EntryProblems.fromOwner(
                    fhir, answer, k -> clinical.get(k).index(), first.index(), first.resourceType());
        }
        Bundle recorded = fhir.newJsonParser().parseResource(Bundle.class, answer.body());
        for (int k = 0; k < clinical.size(); k++) {
            responses[clinical.get(k).index()] = recorded.getEntry().get(k).getResponse();
        }
        return answer.position();
    }

    private static UUID personId(IIdType owner) {
        try {
            if (owner.hasBaseUrl() || !owner.hasIdPart()) {
                throw new IllegalArgumentException();
            }
            return UUID.fromString(owner.getIdPart());
        } catch (IllegalArgumentException e) {
            throw FhirProblem.unprocessable("an entry's patient must be Patient/<enterprise person id>, an entry of"
                    + " this Bundle, or Patient?identifier=system|value; not " + owner.getValue());
        }
    }

    // ---------------------------------------------------------------- batch

    private Answer batch(Bundle bundle, ActingParty caller, EntryIds ids) throws SQLException, InterruptedException {
        List<BundleEntryResponseComponent> responses = new ArrayList<>();
        String position = null;
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Bundle one = new Bundle().setType(BundleType.TRANSACTION);
            BundleEntryComponent source = bundle.getEntry().get(i);
            one.addEntry(source.copy().setFullUrl(null));
            try {
                Answer answer = transaction(one, caller, ids.forBatchEntry(i));
                responses.add(answer.responses().get(0));
                position = answer.position() == null ? position : answer.position();
            } catch (FhirProblem problem) {
                String type = source.getResource() == null
                        ? "?"
                        : source.getResource().fhirType();
                FhirProblem named = EntryProblems.at(i, type, renumbered(problem, i));
                responses.add(new BundleEntryResponseComponent()
                        .setStatus(named.status() + " " + reason(named.status()))
                        .setOutcome(OperationOutcomes.of(IssueSeverity.ERROR, named.issueType(), named.getMessage())));
            }
        }
        return new Answer(BundleType.BATCHRESPONSE, responses, position);
    }

    /** A one-entry transaction names its entry [0]; in the batch it is entry [i]. */
    private static FhirProblem renumbered(FhirProblem problem, int index) {
        String message = problem.getMessage();
        if (message != null && message.startsWith("Bundle.entry[0]")) {
            return new FhirProblem(
                    problem.status(),
                    problem.issueType(),
                    "Bundle.entry[" + index + "]" + message.substring("Bundle.entry[0]".length()));
        }
        return problem;
    }

    private static String reason(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 409 -> "Conflict";
            case 412 -> "Precondition Failed";
            case 413 -> "Payload Too Large";
            case 422 -> "Unprocessable Entity";
            case 503 -> "Service Unavailable";
            default -> "Error";
        };
    }

    // ---------------------------------------------------------------- answer

    private record Answer(BundleType type, List<BundleEntryResponseComponent> responses, String position) {}

    private StoredResponse answer(Answer answer) {
        Bundle response = new Bundle().setType(answer.type());
        answer.responses().forEach(r -> response.addEntry().setResponse(r));
        return new StoredResponse(
                200,
                FhirMediaTypes.FHIR_JSON_UTF8,
                fhir.newJsonParser().encodeResourceToString(response),
                null,
                null,
                answer.position());
    }

    private static String relative(String location) {
        int fhirBase = location.indexOf("/fhir/");
        return location.startsWith("http") && fhirBase >= 0
                ? location.substring(fhirBase + "/fhir/".length())
                : location;
    }
}
