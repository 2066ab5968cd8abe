package io.chartstream.system.chaos;

import io.chartstream.system.Fhir;
import io.chartstream.system.Hl7Messages;
import io.chartstream.system.RunningExchange;
import io.chartstream.system.Tokens;
import io.chartstream.testsupport.Eventually;
import org.hl7.fhir.r4.model.Immunization;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of exchange-service while an EHR sends HL7 v2 over MLLP: the sender resends every
 * message whose ACK it did not get (as MLLP senders do) until it is AA; afterwards every message's
 * vaccination is in riverside's view exactly once — nothing lost, nothing twice.
 */
class Hl7CrashSystemTest {

    private static final int MESSAGES = 40;
    private static final int CONNECTIONS = 4;
    /** A message in flight when the exchange died holds its key until the claim is abandoned (150 s). */
    private static final Duration RESEND_FOR = Duration.ofMinutes(5);

    @BeforeAll
    static void exchange() {
        RunningExchange.ensureUp();
    }

    @Test
    void killedBetweenReceiptAndAckTheResentMessagesAreRecordedOnceEach() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String mrn = "H7K-" + run;
        List<String> lots = new ArrayList<>();
        Map<String, String> messages = new ConcurrentHashMap<>();
        for (int i = 0; i < MESSAGES; i++) {
            String lot = "K" + run + "-" + i;
            lots.add(lot);
            messages.put(lot, Hl7Messages.vaccination("K-" + run + "-" + i, mrn, "Crash-" + run, lot));
        }
        Map<String, String> acks = new ConcurrentHashMap<>();
        CountDownLatch someAcked = new CountDownLatch(2 * CONNECTIONS);
        // the first message registers the patient, alone: concurrent first registrations are not this test's subject
        send(lots.subList(0, 1), messages, acks, new CountDownLatch(1));
        assertEquals("AA", acks.get(lots.get(0)));
        List<String> rest = lots.subList(1, MESSAGES);
        List<Thread> senders = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            // several connections, so that at the kill messages are at different steps: read, being
            // written, written but not yet acknowledged
            List<String> mine = rest.subList(c * rest.size() / CONNECTIONS, (c + 1) * rest.size() / CONNECTIONS);
            senders.add(Thread.ofVirtual().start(() -> send(mine, messages, acks, someAcked)));
        }
        assertTrue(someAcked.await(2, TimeUnit.MINUTES), "the first messages were acknowledged");
        Parts.kill9("exchange");
        for (Thread sender : senders) {
            sender.join(Duration.ofSeconds(60));
        }
        int acknowledgedBeforeTheKill =
                (int) acks.values().stream().filter("AA"::equals).count();
        Instant killed = Instant.now();
        Parts.up(false);
        Duration restart = Duration.between(killed, Instant.now());
        String clinic = Tokens.system("riverside-clinic");
        String person = Hl7Messages.personAtRiverside(mrn);
        Thread.sleep(5_000); // the views catch up with what was written before the kill
        List<String> inViewBeforeResend = lotsInView(clinic, person);

        List<String> unacknowledged =
                lots.stream().filter(lot -> !"AA".equals(acks.get(lot))).toList();
        Map<String, Integer> attempts = new ConcurrentHashMap<>();
        Instant giveUp = Instant.now().plus(RESEND_FOR);
        for (String lot : unacknowledged) {
            String code = "";
            while (!"AA".equals(code) && Instant.now().isBefore(giveUp)) {
                attempts.merge(lot, 1, Integer::sum);
                code = resend(messages.get(lot));
                if (!"AA".equals(code)) {
                    Thread.sleep(2_000); // AR "resend later": the killed exchange's claim on it is not abandoned yet
                }
            }
            assertEquals("AA", code, lot + " resent until accepted");
        }
        long writtenNotAcknowledged =
                unacknowledged.stream().filter(inViewBeforeResend::contains).count();
        System.out.printf(
                "HL7 kill -9: %d of %d messages AA before the kill, %d resent (%d of them already written before the"
                        + " kill, their ACK lost; attempts until AA %s), exchange back after %d s%n",
                acknowledgedBeforeTheKill,
                MESSAGES,
                unacknowledged.size(),
                writtenNotAcknowledged,
                attempts.values().stream().sorted().toList(),
                restart.toSeconds());

        Eventually.within(Duration.ofSeconds(60))
                .until(() -> lotsInView(clinic, person).size() >= MESSAGES);
        Map<String, Long> copies = lotsInView(clinic, person).stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (String lot : lots) {
            assertEquals(1L, copies.getOrDefault(lot, 0L), "vaccination " + lot + " recorded exactly once");
        }
        assertEquals(MESSAGES, copies.size(), "nothing else: " + copies);
    }

    private static void send(
            List<String> lots, Map<String, String> messages, Map<String, String> acks, CountDownLatch acked) {
        try (Socket socket = new Socket("localhost", Hl7Messages.MLLP_PORT)) {
            for (String lot : lots) {
                acks.put(lot, Hl7Messages.ackCode(Hl7Messages.send(socket, messages.get(lot))));
                acked.countDown();
            }
        } catch (Exception | AssertionError connectionLost) {
            // the exchange died: what has no ACK is resent
        }
    }

    private static String resend(String message) {
        try (Socket socket = new Socket("localhost", Hl7Messages.MLLP_PORT)) {
            return Hl7Messages.ackCode(Hl7Messages.send(socket, message)).substring(0, 2);
        } catch (Exception | AssertionError notYet) {
            return "no answer";
        }
    }

    private static List<String> lotsInView(String token, String person) {
        var answer = Fhir.everything(token, person);
        if (answer.statusCode() != 200) {
            return List.of();
        }
        return Fhir.bundle(answer.asString()).getEntry().stream()
                .filter(e -> e.getResource() instanceof Immunization)
                .map(e -> ((Immunization) e.getResource()).getLotNumber())
                .toList();
    }
}
