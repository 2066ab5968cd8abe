package io.chartstream.system;

import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import io.chartstream.contracts.Topics;
import io.chartstream.fhir.consent.PrivacyConsents;
import io.chartstream.fhir.consent.SharingChoices;
import io.chartstream.testsupport.Eventually;
import io.chartstream.testsupport.FhirSamples;
import io.chartstream.testsupport.MllpReceiver;
import io.chartstream.testsupport.TopicReader;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attack suite, black box against the launched exchange: an organization without a care
 * relationship (northside-pediatrics), a blocked one (st-marys-hospital once the patient's consent
 * blocks it) and every organization for a 42 CFR Part 2 entry try every channel the gateway has;
 * nothing of the person's record may leak through any of them, and no write may land. Extend it
 * with each new channel.
 */
class AccessAttackSystemTest {

    private static final String GW = RunningExchange.GATEWAY + "/fhir";
    private static final String NORTHSIDE_OID = "2.16.840.1.113883.3.7003.1";
    private static String run;
    private static String family;
    private static String personId;
    private static String observationId;
    private static String clinicMrn;
    private static String position;

    @BeforeAll
    static void aPersonInTheCareOfTheClinicAndTheHospital() {
        RunningExchange.ensureUp();
        run = UUID.randomUUID().toString().substring(0, 8);
        family = "Attack" + run;
        clinicMrn = "RC-A" + run;
        String[] person = inCareOfClinicAndHospital(clinicMrn, family);
        personId = person[0];
        observationId = person[1];
        position = person[2];
    }

    /** Registered at the clinic and (a certain match) at the hospital, with one clinic glucose: {id, observation, position}. */
    private static String[] inCareOfClinicAndHospital(String mrn, String familyName) {
        Response atClinic = Fhir.post(
                Tokens.system("riverside-clinic"),
                "Patient",
                Fhir.patient(Fhir.RIVERSIDE_MRN, mrn, familyName, "Dana", "1981-03-04"),
                null);
        assertEquals(201, atClinic.statusCode(), atClinic.asString());
        String id = Fhir.createdId(atClinic);
        Response atHospital = Fhir.post(
                Tokens.system("st-marys-hospital"),
                "Patient",
                Fhir.patient(Fhir.ST_MARYS_MRN, "SMH-" + mrn, familyName, "Dana", "1981-03-04"),
                null);
        assertEquals(id, Fhir.createdId(atHospital), "a certain match links the hospital");
        Response written = Fhir.post(Tokens.system("riverside-clinic"), "Observation", Fhir.glucose(id, 143.2), null);
        assertEquals(201, written.statusCode(), written.asString());
        return new String[] {id, Fhir.createdId(written), written.header("X-ChartStream-Position")};
    }

    // ---------------------------------------------------------------- no relationship: northside

    @Test
    void aLookAlikeRegistrationGetsANewPersonAndNoneOfTheRecord() {
        Response answer = Fhir.post(
                Tokens.system("northside-pediatrics"),
                "Patient",
                Fhir.lookAlike(Fhir.NORTHSIDE_MRN, "NP-A" + run, family, "Dana", "1981-03-04"),
                null);

        assertEquals(201, answer.statusCode(), answer.asString());
        assertNotEquals(personId, Fhir.createdId(answer), "name, birth date and gender never link");
        assertLeaksNothing(answer.asString());
        assertEquals(404, Fhir.everything(Tokens.user("dr.novak"), personId).statusCode());
    }

    @Test
    void anotherOrganizationsMrnIsRefusedAsAnIdentifierAndProbesNothing() {
        Response onlyTheClinicsMrn = Fhir.post(
                Tokens.system("northside-pediatrics"),
                "Patient",
                Fhir.lookAlike(Fhir.RIVERSIDE_MRN, clinicMrn, "Other", "Name", "1990-01-01"),
                null);
        assertEquals(422, onlyTheClinicsMrn.statusCode(), onlyTheClinicsMrn.asString());
        assertLeaksNothing(onlyTheClinicsMrn.asString());

        Response conditional = request(Tokens.system("northside-pediatrics"))
                .header("If-None-Exist", "identifier=" + Fhir.RIVERSIDE_MRN + "|" + clinicMrn)
                .body(Fhir.json(Fhir.lookAlike(Fhir.NORTHSIDE_MRN, "NP-B" + run, "Other", "Name", "1990-01-01")))
                .post(GW + "/Patient");
        assertEquals(201, conditional.statusCode(), "no match on another organization's system");
        assertNotEquals(personId, Fhir.createdId(conditional));
        assertLeaksNothing(conditional.asString());
    }

    @Test
    void everyReadChannelAnswersLikeAnUnknownId() {
        String novak = Tokens.user("dr.novak");
        String unknown = UUID.randomUUID().toString();
        for (String path :
                List.of("/Patient/%s/$everything", "/Patient/%s", "/Observation?patient=%s", "/Observation/%s")) {
            String known = path.startsWith("/Observation/") ? observationId : personId;
            Response refused =
                    request(novak).header("X-ChartStream-After", position).get(GW + path.formatted(known));
            Response unknownAnswer = request(novak).get(GW + path.formatted(unknown));
            assertEquals(404, refused.statusCode(), path + ": " + refused.asString());
            assertEquals(
                    unknownAnswer.asString().replace(unknown, "<id>"),
                    refused.asString().replace(known, "<id>"),
                    path + " must not differ from an unknown id's answer");
            assertLeaksNothing(refused.asString());
        }
    }

    @Test
    void itsFeedAndMissedNotificationsNeverCarryThePerson() {
        Response events = request(Tokens.system("northside-pediatrics"))
                .get(GW + "/Subscription/northside-pediatrics/$events?eventsSinceNumber=1");
        assertEquals(200, events.statusCode(), events.asString());
        assertFalse(events.asString().contains(personId));
        var feed = TopicReader.await(
                RunningExchange.KAFKA,
                Topics.feedOf("northside-pediatrics"),
                r -> r.key() != null && r.key().equals(personId),
                1,
                Duration.ofSeconds(3));
        assertEquals(List.of(), feed);
    }

    @Test
    void itsHl7FeedNeverCarriesThePersonAndNoOneElseCanRedirectTheClinicsFeed() throws Exception {
        for (String token : List.of(Tokens.system("northside-pediatrics"), Tokens.user("dr.novak"))) {
            Response redirect = request(token)
                    .contentType("application/json")
                    .body("{\"endpoint\":\"mllp://attacker.example:2575\"}")
                    .put(RunningExchange.GATEWAY + "/admin/organizations/riverside-clinic/hl7-feed");
            assertEquals(403, redirect.statusCode(), redirect.asString());
        }
        String admin = Tokens.user("admin");
        try (MllpReceiver northside = new MllpReceiver(0)) {
            given().auth()
                    .oauth2(admin)
                    .contentType("application/json")
                    .body("{\"endpoint\":\"" + northside.endpoint() + "\"}")
                    .put(RunningExchange.GATEWAY + "/admin/organizations/northside-pediatrics/hl7-feed")
                    .then()
                    .statusCode(200);
            try {
                // a change to the person's record, then one to a person of northside's own
                Response clinic = Fhir.post(
                        Tokens.system("riverside-clinic"), "Observation", Fhir.glucose(personId, 151.0), null);
                assertEquals(201, clinic.statusCode(), clinic.asString());
                Response own = Fhir.post(
                        Tokens.system("northside-pediatrics"),
                        "Patient",
                        Fhir.patient(Fhir.NORTHSIDE_MRN, "NP-H" + run, "Own" + run, "Kim", "2015-05-06"),
                        null);
                assertTrue(own.statusCode() == 200 || own.statusCode() == 201, own.asString());
                String ownId = Fhir.createdId(own);
                Response ownResult = Fhir.post(
                        Tokens.system("northside-pediatrics"), "Observation", Fhir.glucose(ownId, 88.0), null);
                assertEquals(201, ownResult.statusCode(), ownResult.asString());

                Eventually.within(Duration.ofSeconds(60))
                        .alias("northside's own result over HL7 v2")
                        .until(() -> northside.accepted.stream().anyMatch(m -> m.contains(ownId)));
                for (String message : northside.received) {
                    assertFalse(message.contains(personId), "northside's HL7 feed carries the person");
                    assertLeaksNothing(message);
                }
            } finally {
                given().auth()
                        .oauth2(admin)
                        .delete(RunningExchange.GATEWAY + "/admin/organizations/northside-pediatrics/hl7-feed")
                        .then()
                        .statusCode(204);
            }
        }
    }

    @Test
    void searchingAndMatchingAnswerExactlyAsForNobody() {
        String lookedFor = "Sought" + run;
        String person = inCareOfClinicAndHospital("RC-S" + run, lookedFor)[0];
        String nobody = "Nobody" + run;
        for (String token : List.of(Tokens.user("dr.novak"), Tokens.system("northside-pediatrics"))) {
            String byName = "/Patient?family=%s&given=Dana&birthdate=1981-03-04";
            assertAnswersAsForNobody(
                    token, lookedFor, nobody, name -> request(token).get(GW + byName.formatted(name)), person);
            String byMrn = "/Patient?identifier=" + Fhir.RIVERSIDE_MRN + "|RC-S%s";
            assertAnswersAsForNobody(
                    token, run, "X" + run.substring(1), mrn -> request(token).get(GW + byMrn.formatted(mrn)), person);
            assertAnswersAsForNobody(
                    token,
                    lookedFor,
                    nobody,
                    name -> request(token)
                            .body(Fhir.json(new Parameters()
                                    .addParameter(new Parameters.ParametersParameterComponent()
                                            .setName("resource")
                                            .setResource(Fhir.patient(
                                                    Fhir.RIVERSIDE_MRN, "RC-S" + run, name, "Dana", "1981-03-04")))))
                            .post(GW + "/Patient/$match"),
                    person);
        }
    }

    /**
     * The answer about {@code name} (a person in others' care) is the answer about {@code nobody}
     * with only the asked-for value differing: same status, same bytes, never the person's id
     * (a {@code $match} may still name look-alikes in the caller's own care, for both alike).
     */
    private static void assertAnswersAsForNobody(
            String token, String name, String nobody, Function<String, Response> ask, String person) {
        Response aboutThePerson = ask.apply(name);
        Response aboutNobody = ask.apply(nobody);
        assertEquals(200, aboutThePerson.statusCode(), aboutThePerson.asString());
        assertEquals(
                aboutNobody.asString().replace(nobody, "<asked>"),
                aboutThePerson.asString().replace(name, "<asked>"));
        assertFalse(aboutThePerson.asString().contains(person), aboutThePerson.asString());
    }

    @Test
    void anHl7LookAlikeOrAnotherFacilitysMrnOpensNothing() throws Exception {
        String sought = "Hl7Sought" + run;
        String person = inCareOfClinicAndHospital("RC-H" + run, sought)[0];
        try (Socket northside = new Socket("localhost", Hl7Messages.MLLP_PORT)) {
            ADT_A01 lookAlike = Hl7Messages.HAPI.newMessage(ADT_A01.class);
            lookAlike.initQuickstart("ADT", "A04", "P");
            Hl7Messages.header(lookAlike.getMSH(), "NORTHSIDE", "NA-" + run, "ADT_A01");
            Hl7Messages.patient(lookAlike.getPID(), "NORTHSIDE", NORTHSIDE_OID, "NP-H" + run, sought);
            lookAlike.getPID().getPatientName(0).getGivenName().setValue("Dana");
            lookAlike.getPID().getDateTimeOfBirth().getTime().setValue("19810304");
            lookAlike.getPID().getPhoneNumberHome(0).getTelephoneNumber().setValue("+1 555 0199");
            lookAlike.getPV1().getPatientClass().setValue("O");
            String ack = Hl7Messages.send(northside, lookAlike.encode());
            assertEquals("AA", Hl7Messages.ackCode(ack), "a look-alike is a new person of northside's");
            assertLeaksNothing(ack);
            assertFalse(ack.contains(person), ack);

            ADT_A01 foreignMrn = Hl7Messages.HAPI.newMessage(ADT_A01.class);
            foreignMrn.initQuickstart("ADT", "A04", "P");
            Hl7Messages.header(foreignMrn.getMSH(), "NORTHSIDE", "NB-" + run, "ADT_A01");
            Hl7Messages.patient(foreignMrn.getPID(), "RIVERSIDE", Hl7Messages.RIVERSIDE_OID, "RC-H" + run, "Other");
            foreignMrn.getPV1().getPatientClass().setValue("O");
            String refused = Hl7Messages.send(northside, foreignMrn.encode());
            assertNotEquals("AA", Hl7Messages.ackCode(refused), "another facility's MRN is not northside's to use");
            assertLeaksNothing(refused);
            assertFalse(refused.contains(person), refused);
        }
        assertEquals(404, Fhir.everything(Tokens.user("dr.novak"), person).statusCode());
        var feed = TopicReader.await(
                RunningExchange.KAFKA,
                Topics.feedOf("northside-pediatrics"),
                r -> person.equals(r.key()),
                1,
                Duration.ofSeconds(3));
        assertEquals(List.of(), feed, "northside's feed never carries the person");
    }

    @Test
    void itCannotWriteToTheRecordNorAmendTheClinicsEntry() {
        String novak = Tokens.user("dr.novak");
        Response added =
                request(novak).body(Fhir.json(Fhir.glucose(personId, 60))).post(GW + "/Observation");
        assertEquals(403, added.statusCode(), added.asString());
        Response amended = request(novak)
                .header("If-Match", "W/\"1\"")
                .body(Fhir.json(Fhir.glucose(personId, 61).setId(observationId)))
                .put(GW + "/Observation/" + observationId);
        assertEquals(403, amended.statusCode(), amended.asString());
        Response revised = request(novak)
                .body(Fhir.json(Fhir.patient(Fhir.NORTHSIDE_MRN, "NP-R" + run, family, "Dana", "1981-03-04")
                        .setId(personId)))
                .put(GW + "/Patient/" + personId);
        assertEquals(403, revised.statusCode(), "no demographics revision without care: " + revised.asString());
        assertLeaksNothing(added.asString() + amended.asString() + revised.asString());
    }

    @Test
    void bundlesOpenNothingEitherAnEntryAtATimeOrTogether() {
        String northside = Tokens.system("northside-pediatrics");
        // a conditional reference by the clinic's MRN finds no one: the same answer as an MRN nobody has
        String unknownMrn = "RC-NONE-" + run;
        Response byClinicMrn = glucoseByClinicMrn(northside, clinicMrn);
        Response byUnknownMrn = glucoseByClinicMrn(northside, unknownMrn);
        assertEquals(422, byClinicMrn.statusCode(), byClinicMrn.asString());
        assertEquals(
                byUnknownMrn.asString().replace(unknownMrn, "<mrn>"),
                byClinicMrn.asString().replace(clinicMrn, "<mrn>"),
                "a conditional reference must not tell a known MRN from an unknown one");

        // by id: refused whole, in a transaction and in a batch entry (whose amendment of the clinic's entry is refused
        // too)
        Response added = request(northside)
                .body(Fhir.json(oneEntry(
                        Bundle.BundleType.TRANSACTION, Fhir.glucose(personId, 62), HTTPVerb.POST, "Observation")))
                .post(GW);
        assertEquals(403, added.statusCode(), added.asString());
        Response amended = request(northside)
                .body(Fhir.json(oneEntry(
                        Bundle.BundleType.BATCH,
                        Fhir.glucose(personId, 63).setId(observationId),
                        HTTPVerb.PUT,
                        "Observation/" + observationId)))
                .post(GW);
        assertEquals(200, amended.statusCode(), amended.asString());
        assertTrue(
                Fhir.bundle(amended.asString())
                        .getEntryFirstRep()
                        .getResponse()
                        .getStatus()
                        .startsWith("403"),
                amended.asString());
        // nor may it withdraw the clinic's entry (DELETE records it as entered in error)
        Response withdrawn = request(Tokens.user("dr.novak")).delete(GW + "/Observation/" + observationId);
        assertTrue(withdrawn.statusCode() == 403 || withdrawn.statusCode() == 404, withdrawn.asString());
        // (the refusal of the conditional reference repeats the attacker's own query, and is the unknown MRN's answer)
        assertLeaksNothing(added.asString() + amended.asString() + withdrawn.asString());

        Response clinicRead = request(Tokens.system("riverside-clinic")).get(GW + "/Observation/" + observationId);
        assertEquals(200, clinicRead.statusCode(), clinicRead.asString());
        assertEquals(143.2, clinicRead.jsonPath().getDouble("valueQuantity.value"), "the clinic's entry is unchanged");
        List<Float> values = request(Tokens.system("riverside-clinic"))
                .get(GW + "/Observation?patient=" + personId)
                .jsonPath()
                .getList("entry.resource.valueQuantity.value", Float.class);
        for (float value : List.of(61f, 62f, 63f)) {
            assertFalse(values.contains(value), "nothing of the bundles landed: " + value + " in " + values);
        }
    }

    /** A transaction with one glucose whose subject is the conditional reference to the clinic's MRN {@code mrn}. */
    private static Response glucoseByClinicMrn(String token, String mrn) {
        Reference byMrn = new Reference("Patient?identifier=" + Fhir.RIVERSIDE_MRN + "|" + mrn);
        Bundle transaction = oneEntry(
                Bundle.BundleType.TRANSACTION,
                Fhir.glucose(personId, 61).setSubject(byMrn),
                HTTPVerb.POST,
                "Observation");
        return request(token).body(Fhir.json(transaction)).post(GW);
    }

    private static Bundle oneEntry(Bundle.BundleType type, Resource resource, HTTPVerb method, String url) {
        Bundle bundle = new Bundle().setType(type);
        bundle.addEntry()
                .setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(resource)
                .getRequest()
                .setMethod(method)
                .setUrl(url);
        if (method == HTTPVerb.PUT) {
            bundle.getEntryFirstRep().getRequest().setIfMatch("W/\"1\"");
        }
        return bundle;
    }

    // ---------------------------------------------------------------- sensitive: Part 2

    @Test
    void aPart2EntryReachesNoOtherOrganizationThroughAnyChannel() {
        Condition oud = new Condition();
        oud.setSubject(new Reference("Patient/" + personId));
        oud.setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/sid/icd-10-cm", "F11.20", null)));
        oud.getClinicalStatus()
                .addCoding()
                .setSystem("http://terminology.hl7.org/CodeSystem/condition-clinical")
                .setCode("active");
        Response written = Fhir.post(Tokens.system("riverside-clinic"), "Condition", oud, null);
        assertEquals(201, written.statusCode(), written.asString());
        String conditionId = FhirSamples.parse(Condition.class, written.asString())
                .getIdElement()
                .getIdPart();
        String after = written.header("X-ChartStream-Position");

        String chen = Tokens.user("dr.chen");
        Response everything =
                request(chen).header("X-ChartStream-After", after).get(GW + "/Patient/" + personId + "/$everything");
        assertEquals(200, everything.statusCode());
        assertFalse(everything.asString().contains(conditionId), "St Mary's sees no Part 2 entry by default");
        assertEquals(404, request(chen).get(GW + "/Condition/" + conditionId).statusCode());
        assertTrue(
                request(Tokens.user("dr.rivera"))
                        .header("X-ChartStream-After", after)
                        .get(GW + "/Patient/" + personId + "/$everything")
                        .asString()
                        .contains(conditionId),
                "the clinic that wrote it sees it");
        var feed = TopicReader.await(
                RunningExchange.KAFKA,
                Topics.feedOf("st-marys-hospital"),
                r -> TopicReader.value(r).contains(conditionId),
                1,
                Duration.ofSeconds(3));
        assertEquals(List.of(), feed, "nor does its feed");
        assertFalse(webhookJournal().contains(conditionId), "nor its webhook");
    }

    // ---------------------------------------------------------------- blocked: st-marys

    @Test
    void aBlockedOrganizationLosesTheRecordOnEveryChannelAndLaterChangesNeverReachIt() {
        String[] blockedPerson = inCareOfClinicAndHospital("RC-B" + run, "Blocked" + run);
        String personId = blockedPerson[0];
        String observationId = blockedPerson[1];
        Fhir.everything(Tokens.user("dr.chen"), personId); // the hospital's view holds the observation first
        Eventually.assertThat(
                Duration.ofSeconds(20),
                () -> assertTrue(
                        webhookJournal().contains(observationId), "the hospital's webhook got the observation"));
        // the clinic records the patient's choice on her behalf: block St Mary's
        String clinic = Tokens.system("riverside-clinic");
        Response consent = request(clinic)
                .body(Fhir.json(PrivacyConsents.toFhir(
                        UUID.fromString(personId),
                        new SharingChoices(false, Set.of("st-marys-hospital"), Set.of(), Set.of()),
                        new Date())))
                .post(GW + "/Consent");
        assertEquals(201, consent.statusCode(), consent.asString());
        String after = consent.header("X-ChartStream-Position");

        String chen = Tokens.user("dr.chen");
        assertEquals(
                404,
                request(chen)
                        .header("X-ChartStream-After", after)
                        .get(GW + "/Patient/" + personId + "/$everything")
                        .statusCode());
        assertEquals(
                404, request(chen).get(GW + "/Observation/" + observationId).statusCode());
        Response attest = request(chen)
                .body("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"reason\",\"valueString\":\"x\"}]}")
                .post(GW + "/Patient/" + personId + "/$attest-treatment");
        assertEquals(403, attest.statusCode(), attest.asString());
        Response write =
                request(chen).body(Fhir.json(Fhir.glucose(personId, 99))).post(GW + "/Observation");
        assertEquals(403, write.statusCode(), write.asString());
        Eventually.assertThat(
                Duration.ofSeconds(20),
                () -> assertTrue(
                        webhookJournal().lines().anyMatch(l -> l.contains("\"DELETE\"") && l.contains(observationId)),
                        "the hospital's webhook is told the observation left its view"));

        Response later = Fhir.post(clinic, "Observation", Fhir.glucose(personId, 77.7), null);
        assertEquals(201, later.statusCode());
        String laterId = Fhir.createdId(later);
        var feed = TopicReader.await(
                RunningExchange.KAFKA,
                Topics.feedOf("st-marys-hospital"),
                r -> TopicReader.value(r).contains(laterId),
                1,
                Duration.ofSeconds(5));
        assertEquals(List.of(), feed, "a change after the block never reaches the blocked organization's feed");
        assertFalse(webhookJournal().contains(laterId));
    }

    private static String webhookJournal() {
        return given().when()
                .get(RunningExchange.WEBHOOK_RECEIVER + "/?last=all")
                .asString();
    }

    // ---------------------------------------------------------------- the portal and the sharing read

    @Test
    void neitherThePortalNorTheSharingReadNorTheAuditTrailOpensTheRecordToAnOrganizationOrAnotherPatient() {
        String novak = Tokens.user("dr.novak");
        for (String path : List.of("/api/record", "/sharing", "/record")) {
            Response portal = given().auth().oauth2(novak).get(RunningExchange.PORTAL + path);
            assertEquals(403, portal.statusCode(), path + ": " + portal.asString());
            assertLeaksNothing(portal.asString());
        }
        // An organization's system client gets tokens for the gateway, never for the portal: 401 before any role is
        // looked at (a token another client of the realm was given is not meant for the portal).
        for (String path : List.of("/api/record", "/record")) {
            Response portal =
                    given().auth().oauth2(Tokens.system("northside-pediatrics")).get(RunningExchange.PORTAL + path);
            assertEquals(401, portal.statusCode(), path + ": " + portal.asString());
            assertLeaksNothing(portal.asString());
        }
        for (String token : List.of(novak, Tokens.system("northside-pediatrics"), Tokens.user("alice"))) {
            Response sharing = given().auth().oauth2(token).get(RunningExchange.GATEWAY + "/sharing/" + personId);
            assertEquals(403, sharing.statusCode(), sharing.asString());
            assertLeaksNothing(sharing.asString());
            Response trail = given().auth().oauth2(token).get(GW + "/AuditEvent?patient=" + personId);
            assertEquals(403, trail.statusCode(), trail.asString());
            assertLeaksNothing(trail.asString());
        }
    }

    private static RequestSpecification request(String token) {
        return given().auth().oauth2(token).contentType("application/fhir+json");
    }

    /** Nothing identifying the person or their record: the clinic's MRN, the lab value, the person's family name. */
    private static void assertLeaksNothing(String answer) {
        assertFalse(answer.contains(clinicMrn), answer);
        assertFalse(answer.contains("143.2"), answer);
        assertFalse(answer.contains("+1 555 0100") && answer.contains(personId), answer);
    }
}
