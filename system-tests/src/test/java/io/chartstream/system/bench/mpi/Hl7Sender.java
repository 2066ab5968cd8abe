package io.chartstream.system.bench.mpi;

import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.util.Terser;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Sends the input's messages in file order over one MLLP connection with HAPI's client, each after
 * the ACK of the one before, and counts the final ACK codes (MSA-1) by message type. As MLLP senders
 * do, a message answered AR (the exchange's "resend") or not answered in time (TIMEOUT; the
 * connection is opened anew) is resent, the same bytes, up to {@code RESENDS} times 2 s apart; the
 * resends are counted.
 */
final class Hl7Sender {

    /** ACK codes by message type, and the first non-AA answers as read. */
    record Acks(Map<String, Map<String, Integer>> byType, List<String> notAccepted, int resends, double seconds) {

        int count(String code) {
            return byType.values().stream()
                    .mapToInt(m -> m.getOrDefault(code, 0))
                    .sum();
        }
    }

    static final int RESENDS = 3;

    private final HapiContext hapi;
    private final String host;
    private final int port;
    private final int timeoutSeconds;

    Hl7Sender(HapiContext hapi, String host, int port, int timeoutSeconds) {
        this.hapi = hapi;
        this.host = host;
        this.port = port;
        this.timeoutSeconds = timeoutSeconds;
    }

    Acks send(List<Hl7MpiInput.Message> messages) throws Exception {
        Map<String, Map<String, Integer>> byType = new TreeMap<>();
        List<String> notAccepted = new ArrayList<>();
        long start = System.nanoTime();
        Connection connection = null;
        int sent = 0;
        int resends = 0;
        try {
            for (Hl7MpiInput.Message m : messages) {
                Message message = hapi.getPipeParser().parse(Hl7MpiInput.text(m.file()));
                String code = null;
                String detail = null;
                for (int attempt = 0; attempt <= RESENDS; attempt++) {
                    if (attempt > 0) {
                        resends++;
                        Thread.sleep(2_000);
                    }
                    if (connection == null || !connection.isOpen()) {
                        connection = hapi.newClient(host, port, false);
                        connection.getInitiator().setTimeout(timeoutSeconds, TimeUnit.SECONDS);
                    }
                    try {
                        Terser ack = new Terser(connection.getInitiator().sendAndReceive(message));
                        code = ack.get("/MSA-1");
                        detail = ack.get("/MSA-3") + " " + ack.get("/ERR-2") + " " + ack.get("/ERR-8");
                    } catch (Exception e) {
                        code = "TIMEOUT";
                        detail = e.toString();
                        connection.close();
                        connection = null;
                    }
                    if (!"AR".equals(code) && !"TIMEOUT".equals(code)) {
                        break;
                    }
                    if (attempt < RESENDS && notAccepted.size() < 40) {
                        notAccepted.add(m.file().getFileName() + " " + code + " (resent): " + detail);
                    }
                }
                byType.computeIfAbsent(m.type(), t -> new TreeMap<>()).merge(code, 1, Integer::sum);
                if (!"AA".equals(code) && notAccepted.size() < 40) {
                    notAccepted.add(m.file().getFileName() + " " + code + ": " + detail);
                }
                if (++sent % 100 == 0) {
                    System.err.printf("sent %d of %d messages%n", sent, messages.size());
                }
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
        return new Acks(byType, notAccepted, resends, (System.nanoTime() - start) / 1e9);
    }
}
