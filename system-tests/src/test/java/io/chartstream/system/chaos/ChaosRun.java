package io.chartstream.system.chaos;

import io.chartstream.system.chaos.ClosedLoad.Write;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One fault under load: a person the clinic and the hospital both know, the clients writing and
 * reading, the fault injected and healed, then the checks: every acknowledged write in the
 * hospital's and the clinic's view exactly once, and the hospital notified of each, in order.
 */
final class ChaosRun {

    private static final Duration BEFORE = Duration.ofSeconds(3);
    private static final Duration AFTER = Duration.ofSeconds(3);
    private static final Duration VISIBLE_WITHIN = Duration.ofMinutes(3);
    private static final Duration NOTIFIED_WITHIN = Duration.ofMinutes(3);
    private static final int WRITERS = 2;
    private static final int READERS = 1;

    /** The figures, and what went wrong in words for the assertion messages. */
    record Outcome(Figures figures, String details) {}

    private ChaosRun() {}

    static Outcome run(Fault fault) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        OrgToken clinic = new OrgToken("riverside-clinic");
        OrgToken hospital = new OrgToken("st-marys-hospital");
        ChaosHttp checks = new ChaosHttp(List.of(fault.gateways().getFirst()), Duration.ofSeconds(30));
        String personId = SharedPerson.register(checks, clinic, hospital, run);
        long journalStart = WebhookJournal.end();

        ClosedLoad load = new ClosedLoad(
                new ChaosHttp(fault.gateways(), Duration.ofSeconds(10)), clinic, hospital, personId, run);
        load.start(WRITERS, READERS);
        Thread.sleep(BEFORE.toMillis());
        Instant injected = Instant.now();
        fault.inject().run();
        fault.heal().run();
        Instant healed = Instant.now();

        // Time to heal: until every write acknowledged by the time the fault was healed is in both
        // views. The clients keep working meanwhile (AFTER at least), then stop and finish the
        // write each has under way.
        List<Write> acknowledgedByHeal = acknowledged(load.writes());
        Duration timeToHeal = null;
        while (timeToHeal == null && Instant.now().isBefore(healed.plus(VISIBLE_WITHIN))) {
            if (missingFromViews(checks, clinic, hospital, personId, acknowledgedByHeal) == 0) {
                timeToHeal = Duration.between(healed, Instant.now());
            } else {
                Thread.sleep(250);
            }
        }
        long left = Duration.between(Instant.now(), healed.plus(AFTER)).toMillis();
        Thread.sleep(Math.max(0, left));
        load.stop(Duration.ofMinutes(2));

        List<Write> writes = load.writes();
        List<Write> acknowledged = acknowledged(writes);
        Instant deadline = Instant.now().plus(VISIBLE_WITHIN);
        int lost;
        while ((lost = missingFromViews(checks, clinic, hospital, personId, acknowledged)) > 0
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
        OrgView hospitalView = read(checks, hospital, personId);
        OrgView clinicView = read(checks, clinic, personId);

        List<WebhookJournal.Notification> arrived = WebhookJournal.since(journalStart);
        deadline = Instant.now().plus(NOTIFIED_WITHIN);
        while (!NotificationOrder.missing(arrived, acknowledged).isEmpty()
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            arrived = WebhookJournal.since(journalStart);
        }
        List<String> notMissing = NotificationOrder.missing(arrived, acknowledged);
        NotificationOrder order = NotificationOrder.of(arrived, acknowledged);
        List<Write> refused = writes.stream().filter(w -> w.refusal() != null).toList();

        Figures figures = new Figures(
                fault.name(),
                writes.size(),
                acknowledged.size(),
                lost,
                Math.max(hospitalView.duplicated(), clinicView.duplicated()),
                refused.size(),
                load.errors().values().stream().mapToLong(Long::longValue).sum(),
                load.readsOk(),
                load.readErrors(),
                Duration.between(injected, healed),
                timeToHeal,
                order.delivered(),
                order.redelivered(),
                order.outOfOrder(),
                notMissing.size(),
                load.errors(),
                acknowledged.stream().anyMatch(w -> w.ackedAt().isAfter(healed)));
        String details = "person " + personId + ", run " + run
                + "\n  lost (acknowledged, not in the hospital's and the clinic's view): "
                + first(acknowledged.stream()
                        .filter(w -> !hospitalView.holds(w) || !clinicView.holds(w))
                        .map(w -> w.key() + "=" + w.id())
                        .toList())
                + "\n  recorded more than once: hospital " + hospitalView.duplicates() + ", clinic "
                + clinicView.duplicates()
                + "\n  refused: "
                + first(refused.stream().map(w -> w.key() + " " + w.refusal()).toList())
                + "\n  notifications missing: " + first(notMissing)
                + "\n  notification order: " + first(order.problems())
                + "\n  client errors: " + figures.errorSummary();
        return new Outcome(figures, details);
    }

    private static List<Write> acknowledged(List<Write> writes) {
        return writes.stream().filter(Write::acknowledged).toList();
    }

    /** How many acknowledged writes either view lacks (all of them while a view cannot be read). */
    private static int missingFromViews(
            ChaosHttp http, OrgToken clinic, OrgToken hospital, String personId, List<Write> acknowledged) {
        Optional<OrgView> atHospital = OrgView.read(http, hospital.get(), personId);
        Optional<OrgView> atClinic = OrgView.read(http, clinic.get(), personId);
        if (atHospital.isEmpty() || atClinic.isEmpty()) {
            return acknowledged.size();
        }
        return (int) acknowledged.stream()
                .filter(w -> !atHospital.get().holds(w) || !atClinic.get().holds(w))
                .count();
    }

    private static OrgView read(ChaosHttp http, OrgToken org, String personId) {
        return OrgView.read(http, org.get(), personId)
                .orElseThrow(() -> new AssertionError("the view of person " + personId + " cannot be read"));
    }

    private static String first(List<String> items) {
        return items.isEmpty()
                ? "none"
                : items.size() + ": " + String.join("; ", items.subList(0, Math.min(10, items.size())));
    }
}
