package io.chartstream.system.bench.mpi;

import com.fasterxml.jackson.databind.JsonNode;
import io.chartstream.testsupport.FhirSamples;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the exchange made of the registrations, asked the way its users can ask: each organization
 * searches its own view for its own MRN ({@code GET /fhir/Patient?identifier=system|value} with its
 * system token; the answer's Patient id is the enterprise person id), and an HIE administrator
 * lists the review queue ({@code GET /admin/match-reviews}: possible matches and ADT^A40 merge
 * requests, each naming the new person and the candidate).
 */
final class ExchangePersons {

    /** An open task of the review queue, as the administrator's listing shows it. */
    record Review(String kind, String organization, String personId, String candidateId) {}

    private final ExchangeDirectory directory;
    private final String gateway;

    ExchangePersons(ExchangeDirectory directory, String gateway) {
        this.directory = directory;
        this.gateway = gateway;
    }

    /**
     * The person of each registration, null when its organization's view did not show it within
     * {@code waitMillis} (the views follow the registrations' events).
     */
    Map<Registration, String> persons(
            List<Registration> registrations, Map<String, String> tokenByFacility, long waitMillis) throws Exception {
        Map<Registration, String> person = new LinkedHashMap<>();
        List<Registration> missing = new ArrayList<>(registrations);
        long deadline = System.currentTimeMillis() + waitMillis;
        while (true) {
            List<Registration> still = new ArrayList<>();
            for (Registration r : missing) {
                String id = find(tokenByFacility.get(r.facility()), r);
                if (id == null) {
                    still.add(r);
                } else {
                    person.put(r, id);
                }
            }
            missing = still;
            if (missing.isEmpty() || System.currentTimeMillis() > deadline) {
                break;
            }
            Thread.sleep(1_000);
        }
        missing.forEach(r -> person.put(r, null));
        return person;
    }

    private String find(String token, Registration r) throws Exception {
        String url = gateway + "/fhir/Patient?identifier=" + ExchangeDirectory.form(r.system() + "|" + r.mrn());
        HttpResponse<String> answer = directory.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/fhir+json")
                .GET());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + url + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
        JsonNode entries = ExchangeDirectory.JSON.readTree(answer.body()).path("entry");
        if (entries.size() > 1) {
            throw new IllegalStateException(r.facility() + " " + r.mrn() + " names " + entries.size() + " persons");
        }
        return entries.isEmpty()
                ? null
                : entries.get(0).path("resource").path("id").asText();
    }

    /**
     * How the MPI grades the candidates of a registration's own Patient as its organization's view
     * shows it, identifiers and id left out ({@code POST /fhir/Patient/$match} with the
     * organization's token; only persons in its care are answered): candidate person id → match
     * grade ({@code certain}, {@code probable}, {@code possible}), best first.
     */
    Map<String, String> grades(String token, String personId) throws Exception {
        String url = gateway + "/fhir/Patient/" + personId;
        Patient patient = FhirSamples.parse(Patient.class, directory.get(token, url));
        patient.setId((String) null);
        patient.getIdentifier().clear();
        patient.setMeta(null);
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("resource").setResource(patient);
        parameters.addParameter("count", new IntegerType(20));
        HttpResponse<String> answer =
                directory.send(HttpRequest.newBuilder(URI.create(gateway + "/fhir/Patient/$match"))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/fhir+json")
                        .header("Accept", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(FhirSamples.json(parameters))));
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(
                    "$match of " + personId + ": HTTP " + answer.statusCode() + " " + answer.body());
        }
        Map<String, String> grades = new LinkedHashMap<>();
        for (Bundle.BundleEntryComponent e :
                FhirSamples.parse(Bundle.class, answer.body()).getEntry()) {
            var grade = e.getSearch().getExtensionByUrl("http://hl7.org/fhir/StructureDefinition/match-grade");
            grades.put(
                    e.getResource().getIdElement().getIdPart(),
                    grade == null ? "none" : grade.getValue().primitiveValue());
        }
        return grades;
    }

    /** The open tasks of the review queue (at most 500, oldest first), of every organization. */
    List<Review> reviews(String adminToken) throws Exception {
        JsonNode listing =
                ExchangeDirectory.JSON.readTree(directory.get(adminToken, gateway + "/admin/match-reviews?count=500"));
        List<Review> reviews = new ArrayList<>();
        for (JsonNode r : listing) {
            reviews.add(new Review(
                    r.path("kind").asText(),
                    r.path("organization").asText(),
                    r.path("person").path("personId").asText(null),
                    r.path("candidate").path("personId").asText(null)));
        }
        return reviews;
    }

    /** The reviews by the person they name as new (the registration's person, or the person an A40 would merge). */
    static Map<String, List<Review>> byPerson(List<Review> reviews) {
        Map<String, List<Review>> by = new HashMap<>();
        reviews.forEach(
                r -> by.computeIfAbsent(r.personId(), k -> new ArrayList<>()).add(r));
        return by;
    }
}
