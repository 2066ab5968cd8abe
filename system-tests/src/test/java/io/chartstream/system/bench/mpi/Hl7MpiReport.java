package io.chartstream.system.bench.mpi;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;

/** The benchmark's tables, Markdown, on standard output. */
final class Hl7MpiReport {

    private Hl7MpiReport() {}

    static void acks(Hl7Sender.Acks acks) {
        Set<String> codes = new TreeSet<>();
        acks.byType().values().forEach(m -> codes.addAll(m.keySet()));
        System.out.printf(
                Locale.ROOT,
                "%nsent in %.1f s, one connection, each after the last ACK; %d resends after AR or no ACK; final ACKs:%n%n",
                acks.seconds(),
                acks.resends());
        System.out.println("| message | " + String.join(" | ", codes) + " |");
        System.out.println("|---|" + "---|".repeat(codes.size()));
        acks.byType()
                .forEach((type, counts) -> System.out.println("| " + type + " | "
                        + codes.stream()
                                .map(c -> String.valueOf(counts.getOrDefault(c, 0)))
                                .collect(Collectors.joining(" | "))
                        + " |"));
        acks.notAccepted().forEach(line -> System.out.println("  not AA: " + line.replace('\r', ' ')));
    }

    /** The pair classes reported, each with the pairs it counts. */
    enum Pairs {
        PRIMARY("one MRN per patient and facility (identities.tsv rows)", (a, b) -> !a.duplicate() && !b.duplicate()),
        DUPLICATES("a same-facility duplicate with any other registration", (a, b) -> a.duplicate() || b.duplicate()),
        ALL("all registrations", (a, b) -> true);

        final String label;
        final BiPredicate<Registration, Registration> counted;

        Pairs(String label, BiPredicate<Registration, Registration> counted) {
            this.label = label;
            this.counted = counted;
        }
    }

    static void quality(
            List<Registration> registrations,
            Map<Registration, String> persons,
            Map<Registration, String> baseline,
            List<ExchangePersons.Review> reviews,
            Map<String, String> orgIdByFacility) {
        System.out.println();
        System.out.println(
                "| pairs of registrations | expected links | exchange: linked / wrong / missed | precision | recall | F1"
                        + " | exact baseline: linked / wrong / missed | precision | recall | F1 |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Pairs p : Pairs.values()) {
            LinkQuality x = LinkQuality.of(registrations, persons::get, p.counted);
            LinkQuality b = LinkQuality.of(registrations, baseline::get, p.counted);
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %d / %d / %d | %s | %s | %.4f | %d / %d / %d | %s | %s | %.4f |%n",
                    p.label,
                    x.expected(),
                    x.linked(),
                    x.wrong(),
                    x.missed(),
                    percent(x.precision()),
                    percent(x.recall()),
                    x.f1(),
                    b.linked(),
                    b.wrong(),
                    b.missed(),
                    percent(b.precision()),
                    percent(b.recall()),
                    b.f1());
        }
        ReviewCounts r = ReviewCounts.of(registrations, persons, reviews, orgIdByFacility);
        long found = persons.values().stream().filter(Objects::nonNull).count();
        System.out.printf(
                Locale.ROOT,
                "%nregistrations %d, each found by its organization under its MRN: %d; persons %d (patients %d)%n",
                registrations.size(),
                found,
                persons.values().stream().filter(Objects::nonNull).distinct().count(),
                registrations.stream().map(Registration::key).distinct().count());
        persons.forEach((reg, person) -> {
            if (person == null) {
                System.out.println("  not found: " + reg.facility() + " " + reg.mrn() + " (" + reg.key() + ")");
            }
        });
        System.out.printf(
                Locale.ROOT,
                "sent to review (possible match): %d of %d registrations = %s (%d of them with a candidate of the same patient);"
                        + " same-facility duplicates among them: %d%n",
                r.reviewed(),
                registrations.size(),
                percent((double) r.reviewed() / registrations.size()),
                r.reviewedTrue(),
                r.reviewedDuplicates());
        System.out.printf(
                Locale.ROOT,
                "ADT^A40 merge requests in the queue: %d of %d same-facility duplicates, %d naming the duplicate's person and"
                        + " its patient's person at that facility%n",
                r.mergeRequests(),
                r.duplicates(),
                r.mergeRequestsRight());
        wrongLinks(registrations, persons);
    }

    /**
     * What the score makes of each same-facility duplicate, which registration never scores against
     * its own organization's persons: the grade {@code $match} gives its patient's person, and any
     * other person (not the duplicate's own) graded certain, which would be a wrong link.
     */
    static void duplicateGrades(
            List<Registration> registrations,
            Map<Registration, String> persons,
            ExchangePersons exchange,
            Map<String, String> tokenByFacility)
            throws Exception {
        Map<String, Integer> byGrade = new java.util.TreeMap<>();
        int otherCertain = 0;
        for (Registration dup : registrations) {
            String own = persons.get(dup);
            if (!dup.duplicate() || own == null) {
                continue;
            }
            Set<String> patient = registrations.stream()
                    .filter(r -> !r.duplicate() && r.key().equals(dup.key()))
                    .map(persons::get)
                    .filter(Objects::nonNull)
                    .collect(Collectors.toSet());
            Map<String, String> grades = exchange.grades(tokenByFacility.get(dup.facility()), own);
            String grade = patient.stream()
                    .map(grades::get)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse("not a candidate");
            byGrade.merge(grade, 1, Integer::sum);
            for (var g : grades.entrySet()) {
                if ("certain".equals(g.getValue()) && !g.getKey().equals(own) && !patient.contains(g.getKey())) {
                    otherCertain++;
                    System.out.println("  duplicate " + dup.facility() + " " + dup.mrn() + ": another person certain, "
                            + g.getKey());
                }
            }
        }
        System.out.println("same-facility duplicates scored by $match as their organization (their patient's person"
                + " graded): " + byGrade + "; another person graded certain: " + otherCertain);
    }

    private static void wrongLinks(List<Registration> registrations, Map<Registration, String> persons) {
        int shown = 0;
        for (int i = 0; i < registrations.size() && shown < 20; i++) {
            for (int j = i + 1; j < registrations.size() && shown < 20; j++) {
                Registration a = registrations.get(i);
                Registration b = registrations.get(j);
                String pa = persons.get(a);
                if (pa != null && pa.equals(persons.get(b)) && !a.key().equals(b.key())) {
                    System.out.printf(
                            "  wrong link: %s %s (%s %s %s) and %s %s (%s %s %s) are person %s%n",
                            a.facility(),
                            a.mrn(),
                            a.given(),
                            a.family(),
                            a.birthDate(),
                            b.facility(),
                            b.mrn(),
                            b.given(),
                            b.family(),
                            b.birthDate(),
                            pa);
                    shown++;
                }
            }
        }
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * share);
    }
}
