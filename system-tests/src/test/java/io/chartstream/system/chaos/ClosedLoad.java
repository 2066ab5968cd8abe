package io.chartstream.system.chaos;

import io.chartstream.system.Fhir;
import org.hl7.fhir.r4.model.Observation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The clients that keep working through a fault, in a closed loop: each writer (the clinic's
 * system) records one Observation after the other, each with its own Idempotency-Key, and retries
 * it with the same key and the same bytes until it is acknowledged (2xx); each reader (the
 * hospital's system) reads the person's {@code $everything} again and again. Every write carries
 * its key as an identifier, so a view can tell a write recorded twice from two writes.
 */
final class ClosedLoad {

    static final String KEY_SYSTEM = "urn:chartstream:chaos:idempotency-key";

    /** Between two writes of a client: a clinic's pace, and views small enough to read whole after every fault. */
    private static final long THINK_TIME_MS = 200;

    private static final Pattern ENTRY_ID = Pattern.compile("Observation/([0-9a-f-]{36})");
    private static final Pattern BODY_ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");

    /** A write the clients attempted: acknowledged when it has an id; refused when the gateway said no for good. */
    record Write(int writer, int seq, String key, String id, Instant ackedAt, String refusal) {

        boolean acknowledged() {
            return id != null;
        }
    }

    private final ChaosHttp http;
    private final OrgToken clinic;
    private final OrgToken hospital;
    private final String personId;
    private final String run;
    private final List<Write> writes = new CopyOnWriteArrayList<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong readsOk = new AtomicLong();
    private final AtomicLong readErrors = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private volatile Instant giveUpAt = Instant.MAX;

    ClosedLoad(ChaosHttp http, OrgToken clinic, OrgToken hospital, String personId, String run) {
        this.http = http;
        this.clinic = clinic;
        this.hospital = hospital;
        this.personId = personId;
        this.run = run;
    }

    void start(int writers, int readers) {
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.add(Thread.ofPlatform().name("chaos-writer-" + w).start(() -> write(writer)));
        }
        for (int r = 0; r < readers; r++) {
            int reader = r;
            threads.add(Thread.ofPlatform().name("chaos-reader-" + r).start(() -> read(reader)));
        }
    }

    /** No new writes; a write under way keeps retrying until acknowledged or {@code giveUpAfter} has passed. */
    void stop(Duration giveUpAfter) throws InterruptedException {
        giveUpAt = Instant.now().plus(giveUpAfter);
        stopping = true;
        for (Thread t : threads) {
            t.join(giveUpAfter.plusSeconds(30).toMillis());
        }
    }

    List<Write> writes() {
        return List.copyOf(writes);
    }

    /** Failed attempts by what the client saw (an HTTP status, or the exception when nothing answered). */
    Map<String, Long> errors() {
        Map<String, Long> seen = new TreeMap<>();
        errors.forEach((what, n) -> seen.put(what, n.sum()));
        return seen;
    }

    long readsOk() {
        return readsOk.get();
    }

    long readErrors() {
        return readErrors.get();
    }

    private void write(int writer) {
        int gateway = writer;
        for (int seq = 1; !stopping; seq++) {
            String key = run + "-w" + writer + "-" + seq;
            Observation observation = Fhir.glucose(personId, 70 + (seq % 130));
            observation.addIdentifier().setSystem(KEY_SYSTEM).setValue(key);
            String body = Fhir.json(observation); // the same bytes on every retry: the key names this request
            Write outcome = null;
            for (int attempt = 0; outcome == null; attempt++) {
                ChaosHttp.Answer a = http.create(gateway, clinic.get(), "Observation", body, key);
                if (a.status() / 100 == 2) {
                    String id = entryId(a);
                    outcome = id != null
                            ? new Write(writer, seq, key, id, Instant.now(), null)
                            : new Write(writer, seq, key, null, null, a.describe() + " without an id: " + a.body());
                } else if (retryable(a)) {
                    failed(a, "write");
                    if (a.status() == 401) {
                        clinic.renew();
                    }
                    if (!a.answered() || a.status() >= 500) {
                        gateway++; // the next gateway, when there is one
                    }
                    if (Instant.now().isAfter(giveUpAt)) {
                        outcome = new Write(writer, seq, key, null, null, null);
                    } else {
                        pause(Math.min(2000, 100L << Math.min(attempt, 5)));
                    }
                } else {
                    failed(a, "write");
                    outcome = new Write(writer, seq, key, null, null, a.describe() + " " + shortened(a.body()));
                }
            }
            writes.add(outcome);
            pause(THINK_TIME_MS);
        }
    }

    private void read(int reader) {
        int gateway = reader;
        while (!stopping) {
            ChaosHttp.Answer a = http.get(gateway, hospital.get(), "/fhir/Patient/" + personId + "/$everything");
            if (a.status() == 200) {
                readsOk.incrementAndGet();
            } else {
                readErrors.incrementAndGet();
                failed(a, "read");
                if (a.status() == 401) {
                    hospital.renew();
                }
                gateway++;
            }
            pause(200);
        }
    }

    /** Nothing answered, the gateway was busy or unavailable, the token expired, or the key is still in progress. */
    private static boolean retryable(ChaosHttp.Answer a) {
        return !a.answered()
                || a.status() >= 500
                || a.status() == 401
                || a.status() == 408
                || a.status() == 409
                || a.status() == 429;
    }

    private void failed(ChaosHttp.Answer a, String what) {
        errors.computeIfAbsent(what + " " + a.describe(), k -> new LongAdder()).increment();
    }

    /** The created entry's id: from the Location header, else from the body; null when neither names one. */
    private static String entryId(ChaosHttp.Answer a) {
        Matcher location = ENTRY_ID.matcher(a.location() == null ? "" : a.location());
        if (location.find()) {
            return location.group(1);
        }
        Matcher body = BODY_ID.matcher(a.body());
        return body.find() ? body.group(1) : null;
    }

    private static String shortened(String body) {
        return body == null || body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
