package io.chartstream.exchange.read.application;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.chartstream.exchange.access.domain.Basis;
import io.chartstream.exchange.view.domain.PatientCriteria;
import io.chartstream.exchange.view.infrastructure.OrgViews;
import io.chartstream.exchange.view.infrastructure.ViewPatients;
import io.chartstream.fhir.ActingParty;
import io.chartstream.fhir.FhirProblem;
import jakarta.enterprise.context.ApplicationScoped;
import org.hl7.fhir.r4.model.Patient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * {@code GET /fhir/Patient?identifier=&family=&given=&birthdate=&_count}: only persons in the
 * caller's organization's view with an active care relationship are looked at and answered, so
 * an unknown person and one known only elsewhere give the same empty searchset, byte for byte.
 * Each person answered is a disclosure in the audit trail, committed before the answer leaves.
 */
@ApplicationScoped
public class PatientSearch {

    /** The interaction named in the disclosure records. */
    public static final String WHAT = "Patient?search";

    static final List<String> PARAMETERS = List.of("identifier", "family", "given", "birthdate", "_count");
    private static final Set<String> ALWAYS_ALLOWED = Set.of("_format", "_pretty");

    private final ViewPatients patients;
    private final OrgViews views;
    private final Disclosures disclosures;
    private final FhirContext fhir;

    public PatientSearch(ViewPatients patients, OrgViews views, Disclosures disclosures, FhirContext fhir) {
        this.patients = patients;
        this.views = views;
        this.disclosures = disclosures;
        this.fhir = fhir;
    }

    /** The searchset, encoded; {@code fhirBase} makes its self link and full URLs. */
    public String search(ActingParty caller, Map<String, List<String>> query, boolean lenient, String fhirBase)
            throws SQLException {
        Map<String, String> applied = applied(query, lenient);
        PatientCriteria criteria = criteria(applied);
        RecordReads.Page page = RecordReads.Page.of(applied.get("_count"), null);
        IParser parser = fhir.newJsonParser();
        DisclosedSearchset answer = new DisclosedSearchset(disclosures, caller, WHAT, fhirBase);
        for (ViewPatients.ViewPatient found : patients.find(caller.organization(), criteria, page.count())) {
            // the view may still hold a person whose relationship has just ended: not answered
            Set<Basis> bases = views.activeBases(found.personId(), caller.organization());
            if (!bases.isEmpty()) {
                answer.add(found.personId(), bases, (Patient) parser.parseResource(found.json()));
            }
        }
        return answer.answer(parser, fhirBase + "/Patient?" + selfQuery(applied));
    }

    /** The parameters served, one value each; others refused (400) unless lenient, then left out. */
    private static Map<String, String> applied(Map<String, List<String>> query, boolean lenient) {
        Map<String, String> applied = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> p : query.entrySet()) {
            if (ALWAYS_ALLOWED.contains(p.getKey())) {
                continue;
            }
            if (!PARAMETERS.contains(p.getKey())) {
                if (lenient) {
                    continue;
                }
                throw FhirProblem.invalid("Patient search parameter " + p.getKey() + " is not served; the gateway"
                        + " takes " + String.join(", ", PARAMETERS));
            }
            if (p.getValue().size() != 1 || p.getValue().get(0).isBlank()) {
                throw FhirProblem.invalid("Patient search parameter " + p.getKey() + " takes exactly one value");
            }
            applied.put(p.getKey(), p.getValue().get(0).strip());
        }
        return applied;
    }

    static PatientCriteria criteria(Map<String, String> applied) {
        String system = null;
        String value = null;
        if (applied.containsKey("identifier")) {
            TokenSearch token = TokenSearch.parse(applied.get("identifier"));
            if (token.code() == null) {
                throw FhirProblem.invalid("identifier is system|value or value: " + applied.get("identifier"));
            }
            system = token.system();
            value = token.code();
        }
        PatientCriteria criteria = new PatientCriteria(
                system, value, applied.get("family"), applied.get("given"), birthDate(applied.get("birthdate")));
        if (criteria.isEmpty()) {
            throw FhirProblem.invalid("a Patient search needs at least one of identifier, family, given, birthdate");
        }
        return criteria;
    }

    private static LocalDate birthDate(String text) {
        if (text == null) {
            return null;
        }
        String date = text.startsWith("eq") ? text.substring(2) : text;
        try {
            return LocalDate.parse(date);
        } catch (DateTimeParseException e) {
            throw FhirProblem.invalid("birthdate is a full date (YYYY-MM-DD, optionally eq): " + text);
        }
    }

    /** The applied parameters in a fixed order: the same search has the same self link. */
    private static String selfQuery(Map<String, String> applied) {
        StringJoiner query = new StringJoiner("&");
        for (String name : PARAMETERS) {
            if (applied.containsKey(name)) {
                query.add(name + "=" + URLEncoder.encode(applied.get(name), StandardCharsets.UTF_8));
            }
        }
        return query.toString();
    }
}
