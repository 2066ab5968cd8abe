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
 * the ACK of the one before, and counts the ACK codes (MSA-1) by message type; a message without an
 * ACK in time is counted as TIMEOUT and the connection is opened anew.
 */
final class Hl7Sender {

    /** ACK codes by message type, and the first non-AA answers as read. */
    record Acks(Map<String, Map<String, Integer>> byType, List<String> notAccepted, double seconds) {

        int count(String code) {
            return byType.values().stream()
                    .mapToInt(m -> m.getOrDefault(code, 0))
                    .sum();
        }
    }

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
        try {
            for (Hl7MpiInput.Message m : messages) {
                if (connection == null || !connection.isOpen()) {
                    connection = hapi.newClient(host, port, false);
                    connection.getInitiator().setTimeout(timeoutSeconds, TimeUnit.SECONDS);
                }
                Message message = hapi.getPipeParser().parse(Hl7MpiInput.text(m.file()));
                String code;
                String detail;
                try {
                    Terser ack = new Terser(connection.getInitiator().sendAndReceive(message));
                    code = ack.get("/MSA-1");
                    detail = ack.get("/MSA-3") + " " + String.valueOf(ack.get("/ERR-2")) + " "
                            + String.valueOf(ack.get("/ERR-8"));
                } catch (Exception e) {
                    code = "TIMEOUT";
                    detail = e.toString();
                    connection.close();
                    connection = null;
                }
                byType.computeIfAbsent(m.type(), t -> new TreeMap<>()).merge(code, 1, Integer::sum);
                if (!"AA".equals(code) && notAccepted.size() < 20) {
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
        return new Acks(byType, notAccepted, (System.nanoTime() - start) / 1e9);
    }
}
