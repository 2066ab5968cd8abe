package io.chartstream.exchange.capability.web;

import io.chartstream.exchange.directory.application.ProviderDirectory;
import io.chartstream.exchange.fhirapi.web.FhirTypes;
import io.chartstream.exchange.read.application.SearchParameters;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementKind;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.ResourceVersionPolicy;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.Enumerations.SearchParamType;

import java.time.Instant;
import java.util.Date;

/**
 * What this gateway answers, as a FHIR CapabilityStatement: only the interactions it has an
 * endpoint for (writes are forwarded to the owners, reads come from the organization's view).
 * {@code CapabilityStatementTest} calls each claimed interaction to keep this list honest.
 */
public final class ServerCapabilities {

    static final String EVERYTHING = "http://hl7.org/fhir/OperationDefinition/Patient-everything";
    static final String MATCH = "http://hl7.org/fhir/OperationDefinition/Patient-match";
    static final String BACKPORT_EVENTS =
            "http://hl7.org/fhir/uv/subscriptions-backport/OperationDefinition/backport-subscription-events";
    private static final String SECURITY_SERVICES = "http://terminology.hl7.org/CodeSystem/restful-security-service";

    private ServerCapabilities() {}

    public static CapabilityStatement of(String fhirBase, String softwareVersion, Instant published) {
        CapabilityStatement statement = new CapabilityStatement()
                .setStatus(PublicationStatus.ACTIVE)
                .setDate(Date.from(published))
                .setPublisher("ChartStream")
                .setKind(CapabilityStatementKind.INSTANCE)
                .setFhirVersion(FHIRVersion._4_0_1);
        statement.addFormat("json");
        statement.getSoftware().setName("ChartStream").setVersion(softwareVersion);
        statement
                .getImplementation()
                .setDescription("ChartStream exchange gateway")
                .setUrl(fhirBase);

        CapabilityStatementRestComponent rest = statement
                .addRest()
                .setMode(RestfulCapabilityMode.SERVER)
                .setDocumentation("Reads are answered from the calling organization's view of the people in its care;"
                        + " writes are forwarded to the service that owns the resource type. A search parameter"
                        + " not listed for a type is refused (400) unless the request says Prefer: handling=lenient,"
                        + " which leaves it out (the self link names what was applied).");
        rest.getSecurity()
                .setCors(false)
                .addService(new CodeableConcept(new Coding(SECURITY_SERVICES, "OAuth", "OAuth")))
                .setDescription(
                        "OAuth 2.0 bearer tokens (OpenID Connect) from Keycloak realm chartstream. Roles clinician"
                                + " and org-system act for the organization in the token's org_id claim. Only this"
                                + " statement is answered without a token.");

        rest.addResource(patient());
        FhirTypes.ENTRIES.forEach(type -> rest.addResource(entry(type)));
        ProviderDirectory.TYPES.forEach(type -> rest.addResource(directory(type)));
        rest.addResource(subscription());
        rest.addInteraction()
                .setCode(SystemRestfulInteraction.TRANSACTION)
                .setDocumentation(
                        "POST /fhir: all entries or none; urn:uuid and conditional references resolved,"
                                + " conditional creates (ifNoneExist), updates with ifMatch; at most 5,000 entries and 16 MiB.");
        rest.addInteraction()
                .setCode(SystemRestfulInteraction.BATCH)
                .setDocumentation("POST /fhir: each entry on its own, answered with its own status.");
        return statement;
    }

    private static CapabilityStatementRestResourceComponent patient() {
        CapabilityStatementRestResourceComponent patient = resource(
                        FhirTypes.PATIENT,
                        ResourceVersionPolicy.VERSIONED,
                        TypeRestfulInteraction.CREATE,
                        TypeRestfulInteraction.UPDATE,
                        TypeRestfulInteraction.READ,
                        TypeRestfulInteraction.VREAD,
                        TypeRestfulInteraction.SEARCHTYPE,
                        TypeRestfulInteraction.HISTORYINSTANCE)
                .setConditionalCreate(true)
                .setReadHistory(true)
                .setDocumentation("The id is the enterprise person id. Conditional create: If-None-Exist"
                        + " identifier=system|value. Update revises your own organization's registration of"
                        + " a person in your care (never another's; nothing is re-linked). Search finds only"
                        + " persons in your care: anyone else is answered as unknown (the same empty searchset).");
        patient.addSearchParam()
                .setName("identifier")
                .setType(SearchParamType.TOKEN)
                .setDefinition("http://hl7.org/fhir/SearchParameter/Patient-identifier")
                .setDocumentation("system|value, or value (any system)");
        patient.addSearchParam()
                .setName("family")
                .setType(SearchParamType.STRING)
                .setDefinition("http://hl7.org/fhir/SearchParameter/individual-family")
                .setDocumentation("case-insensitive, from the start of any family name");
        patient.addSearchParam()
                .setName("given")
                .setType(SearchParamType.STRING)
                .setDefinition("http://hl7.org/fhir/SearchParameter/individual-given")
                .setDocumentation("case-insensitive, from the start of any given name");
        patient.addSearchParam()
                .setName("birthdate")
                .setType(SearchParamType.DATE)
                .setDefinition("http://hl7.org/fhir/SearchParameter/individual-birthdate")
                .setDocumentation("a full date, equal (eq or no prefix)");
        patient.addSearchParam()
                .setName("_count")
                .setType(SearchParamType.NUMBER)
                .setDocumentation("at most this many persons (default 100, at most 500); no further pages");
        patient.addOperation()
                .setName("everything")
                .setDefinition(EVERYTHING)
                .setDocumentation("The person's Patient and entries in the caller's view, as a searchset Bundle in"
                        + " pages (_count, next links): _since (an instant: only resources updated, or newly in"
                        + " your view, since) and _type (types, comma-separated).");
        patient.addOperation()
                .setName("match")
                .setDefinition(MATCH)
                .setDocumentation("POST Parameters (resource: a Patient; onlyCertainMatches; count, default 10, at"
                        + " most 100): the MPI's score, answered only for persons in your care, best first, with"
                        + " search.score and the match-grade extension (certain, probable, possible).");
        return patient;
    }

    /**
     * Clinical entries: an update must name the version it amends (If-Match), else the owner
     * refuses it; a delete withdraws the entry as entered in error (the recording organization only).
     */
    private static CapabilityStatementRestResourceComponent entry(String type) {
        CapabilityStatementRestResourceComponent entry = resource(
                        type,
                        ResourceVersionPolicy.VERSIONEDUPDATE,
                        TypeRestfulInteraction.CREATE,
                        TypeRestfulInteraction.UPDATE,
                        TypeRestfulInteraction.DELETE,
                        TypeRestfulInteraction.READ,
                        TypeRestfulInteraction.VREAD,
                        TypeRestfulInteraction.SEARCHTYPE,
                        TypeRestfulInteraction.HISTORYINSTANCE)
                .setUpdateCreate(false)
                .setReadHistory(true)
                .setDocumentation("History: the versions your view may disclose, each by its own security labels.");
        entry.addSearchParam()
                .setName("patient")
                .setType(SearchParamType.REFERENCE)
                .setDefinition("http://hl7.org/fhir/SearchParameter/clinical-patient")
                .setDocumentation("Required (or subject): the enterprise person id, or Patient/<id>.");
        if (SearchParameters.hasSubject(type)) {
            entry.addSearchParam()
                    .setName("subject")
                    .setType(SearchParamType.REFERENCE)
                    .setDocumentation("Patient/<enterprise person id>, instead of patient.");
        }
        for (SearchParameters.Parameter p : SearchParameters.of(type).values()) {
            entry.addSearchParam()
                    .setName(p.name())
                    .setType(p.kind() == SearchParameters.Kind.TOKEN ? SearchParamType.TOKEN : SearchParamType.DATE)
                    .setDefinition(p.definition())
                    .setDocumentation(p.path()
                            + (p.kind() == SearchParameters.Kind.TOKEN
                                    ? ": system|code, code, |code or system|; comma-separated values are alternatives"
                                    : ": prefixes eq, ne, gt, lt, ge, le, sa, eb at the value's precision"));
        }
        entry.addSearchParam()
                .setName("_lastUpdated")
                .setType(SearchParamType.DATE)
                .setDefinition("http://hl7.org/fhir/SearchParameter/Resource-lastUpdated")
                .setDocumentation("meta.lastUpdated, with the date prefixes.");
        entry.addSearchParam()
                .setName("_count")
                .setType(SearchParamType.NUMBER)
                .setDocumentation("Page size: default 100, at most 500 (more is served as 500); the Bundle's"
                        + " next link (with _cursor) fetches the next page. $everything pages the same way.");
        return entry;
    }

    /** The provider directory: shared by every organization, referenceable from entries. */
    private static CapabilityStatementRestResourceComponent directory(String type) {
        CapabilityStatementRestResourceComponent directory = resource(
                        type,
                        ResourceVersionPolicy.VERSIONEDUPDATE,
                        TypeRestfulInteraction.CREATE,
                        TypeRestfulInteraction.UPDATE,
                        TypeRestfulInteraction.READ,
                        TypeRestfulInteraction.VREAD,
                        TypeRestfulInteraction.SEARCHTYPE)
                .setConditionalCreate(true)
                .setUpdateCreate(false)
                .setDocumentation("The provider directory. Conditional create: If-None-Exist identifier=system|value.");
        directory
                .addSearchParam()
                .setName("identifier")
                .setType(SearchParamType.TOKEN)
                .setDocumentation("system|value");
        directory.addSearchParam().setName("name").setType(SearchParamType.STRING);
        return directory;
    }

    /** No Subscription resources to read or write: each organization has one feed, fetched by $events. */
    private static CapabilityStatementRestResourceComponent subscription() {
        CapabilityStatementRestResourceComponent subscription = new CapabilityStatementRestResourceComponent()
                .setType("Subscription")
                .setDocumentation(
                        "Subscription/<your organization id>: the notifications of your organization's feed.");
        subscription.addOperation().setName("events").setDefinition(BACKPORT_EVENTS);
        return subscription;
    }

    private static CapabilityStatementRestResourceComponent resource(
            String type, ResourceVersionPolicy versioning, TypeRestfulInteraction... interactions) {
        CapabilityStatementRestResourceComponent resource = new CapabilityStatementRestResourceComponent()
                .setType(type)
                .setVersioning(versioning)
                .setReadHistory(false);
        for (TypeRestfulInteraction interaction : interactions) {
            resource.addInteraction().setCode(interaction);
        }
        return resource;
    }
}
