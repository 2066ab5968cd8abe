package io.chartstream.exchange.hl7feed.infrastructure;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.app.Connection;
import ca.uhn.hl7v2.app.Initiator;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.GenericModelClassFactory;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.chartstream.exchange.hl7feed.domain.Hl7Endpoint;
import io.chartstream.exchange.subscription.domain.DeliveryAttempt;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.TimeUnit;

/**
 * Sends one HL7 v2 message over MLLP and reads the receiver's acknowledgement: AA (or CA) is
 * acknowledged; AE, AR, no answer within the timeout, or no connection is a failure to retry, with
 * the receiver's MSA-3/ERR text as the error. Connections stay open between messages (HAPI's
 * connection hub) and are closed after a failure, so the next attempt connects anew.
 */
@ApplicationScoped
public class MllpSender {

    private static final long TIMEOUT_SECONDS = 10;

    private final HapiContext context;

    public MllpSender() {
        // ACKs of any version are read as they come
        context = new DefaultHapiContext(new GenericModelClassFactory());
        context.setValidationContext(ValidationContextFactory.noValidation());
    }

    public DeliveryAttempt send(Hl7Endpoint endpoint, String er7) {
        Connection connection = null;
        try {
            Message message = context.getPipeParser().parse(er7);
            connection = context.newClient(endpoint.host(), endpoint.port(), endpoint.tls());
            Initiator initiator = connection.getInitiator();
            initiator.setTimeout(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Message ack = initiator.sendAndReceive(message);
            Terser terser = new Terser(ack);
            String code = terser.get("/MSA-1");
            if ("AA".equals(code) || "CA".equals(code)) {
                return DeliveryAttempt.acknowledgedAttempt();
            }
            String text = terser.get("/MSA-3");
            close(connection);
            return DeliveryAttempt.failed("receiver answered " + code + (text == null ? "" : ": " + text));
        } catch (Exception e) {
            close(connection);
            return DeliveryAttempt.failed(e.toString());
        }
    }

    /** Drops the connection from HAPI's hub, so that the next attempt connects anew. */
    private void close(Connection connection) {
        if (connection != null) {
            context.getConnectionHub().discard(connection);
        }
    }

    @PreDestroy
    void stop() {
        try {
            context.close();
        } catch (java.io.IOException e) {
            // closing connections on the way down: nothing left to do
        }
    }
}
