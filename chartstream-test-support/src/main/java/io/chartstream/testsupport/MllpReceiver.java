package io.chartstream.testsupport;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.HL7Service;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.protocol.ReceivingApplication;
import ca.uhn.hl7v2.util.idgenerator.InMemoryIDGenerator;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hospital's HL7 v2 interface as the exchange's HL7 feed meets it: a real MLLP server (HAPI's),
 * parsing with HAPI's default validation, that answers AE to its first {@code refusals} messages
 * and AA after, and keeps every message it got in order (ER7).
 */
public final class MllpReceiver implements AutoCloseable {

    public final List<String> received = new CopyOnWriteArrayList<>();
    public final List<String> accepted = new CopyOnWriteArrayList<>();
    private final HapiContext context = new DefaultHapiContext();
    private final HL7Service server;
    private final int port;

    public MllpReceiver(int refusals) throws IOException, InterruptedException {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        AtomicInteger refused = new AtomicInteger();
        context.getParserConfiguration().setIdGenerator(new InMemoryIDGenerator()); // no counter file
        server = context.newServer(port, false);
        server.registerApplication(new ReceivingApplication<Message>() {
            @Override
            public Message processMessage(Message message, Map<String, Object> metadata) throws HL7Exception {
                String er7 = message.encode();
                received.add(er7);
                try {
                    if (refused.getAndIncrement() < refusals) {
                        return message.generateACK(AcknowledgmentCode.AE, new HL7Exception("interface busy"));
                    }
                    accepted.add(er7);
                    return message.generateACK();
                } catch (IOException e) {
                    throw new HL7Exception(e);
                }
            }

            @Override
            public boolean canProcess(Message message) {
                return true;
            }
        });
        server.startAndWait();
    }

    public String endpoint() {
        return "mllp://localhost:" + port;
    }

    @Override
    public void close() throws IOException {
        server.stopAndWait();
        context.close();
    }
}
