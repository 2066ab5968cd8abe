package io.chartstream.system.bench.mpi;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The review queue against the ground truth: a registration was sent to review when a possible
 * match of its organization names its person as the new one (a possible match registers a new
 * person, decisions §18), rightly so when the candidate is the person of another registration of
 * the same patient; a same-facility duplicate's ADT^A40 is right when its merge request names the
 * duplicate's person and the person of its patient's first MRN at that facility. Pure.
 */
record ReviewCounts(
        long reviewed,
        long reviewedTrue,
        long reviewedDuplicates,
        long duplicates,
        long mergeRequests,
        long mergeRequestsRight) {

    static ReviewCounts of(
            List<Registration> registrations,
            Map<Registration, String> persons,
            List<ExchangePersons.Review> reviews,
            Map<String, String> orgIdByFacility) {
        var byPerson = ExchangePersons.byPerson(reviews);
        long reviewed = 0;
        long reviewedTrue = 0;
        long reviewedDuplicates = 0;
        long mergeRequests = 0;
        long mergeRequestsRight = 0;
        for (Registration r : registrations) {
            String person = persons.get(r);
            if (person == null) {
                continue;
            }
            String org = orgIdByFacility.get(r.facility());
            List<ExchangePersons.Review> mine = byPerson.getOrDefault(person, List.of()).stream()
                    .filter(v -> org.equals(v.organization()))
                    .toList();
            var possible =
                    mine.stream().filter(v -> "possible-match".equals(v.kind())).toList();
            if (!possible.isEmpty()) {
                reviewed++;
                if (r.duplicate()) {
                    reviewedDuplicates++;
                }
                if (possible.stream().anyMatch(v -> samePatient(r, v.candidateId(), registrations, persons))) {
                    reviewedTrue++;
                }
            }
            if (r.duplicate()) {
                var requests = mine.stream()
                        .filter(v -> "merge-request".equals(v.kind()))
                        .toList();
                if (!requests.isEmpty()) {
                    mergeRequests++;
                }
                String survivor = registrations.stream()
                        .filter(o -> !o.duplicate()
                                && o.key().equals(r.key())
                                && o.facility().equals(r.facility()))
                        .map(persons::get)
                        .filter(Objects::nonNull)
                        .findFirst()
                        .orElse(null);
                if (survivor != null && requests.stream().anyMatch(v -> survivor.equals(v.candidateId()))) {
                    mergeRequestsRight++;
                }
            }
        }
        long duplicates = registrations.stream().filter(Registration::duplicate).count();
        return new ReviewCounts(
                reviewed, reviewedTrue, reviewedDuplicates, duplicates, mergeRequests, mergeRequestsRight);
    }

    private static boolean samePatient(
            Registration r, String candidate, List<Registration> registrations, Map<Registration, String> persons) {
        return candidate != null
                && registrations.stream()
                        .anyMatch(o -> o != r && o.key().equals(r.key()) && candidate.equals(persons.get(o)));
    }
}
