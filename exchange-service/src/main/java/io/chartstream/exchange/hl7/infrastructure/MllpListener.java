package io.chartstream.exchange.hl7.infrastructure;

import io.chartstream.exchange.hl7.application.Hl7Intake;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import javax.net.ssl.SSLException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The HL7 v2 listener: MLLP over TCP. Each connection has its own (virtual) thread that reads a
 * message, has it recorded and writes its ACK before it reads the next, so the messages of one
 * connection are applied in the order sent, and an ACK is never written before the message's
 * content is committed. Framing garbage, a peer gone silent or an error ends only that connection.
 */
@ApplicationScoped
public class MllpListener {

    private static final Logger LOG = Logger.getLogger(MllpListener.class);

    private final Hl7Intake intake;
    private final Hl7Config config;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    public MllpListener(Hl7Intake intake, Hl7Config config) {
        this.intake = intake;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) throws IOException {
        if (!config.enabled()) {
            return;
        }
        server = MllpServerSockets.open(config);
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(config.host(), config.port()), 256);
        LOG.infof(
                "HL7 v2 MLLP listener on port %d%s",
                server.getLocalPort(),
                config.tls().enabled()
                        ? " (TLS, client certificates " + config.tls().clientAuth() + ")"
                        : "");
        // no validator to warm up here: clinical-service validates a message's entries (decisions §33)
        Thread.ofPlatform().name("hl7-mllp-accept").daemon().start(this::accept);
    }

    void onStop(@Observes ShutdownEvent stop) {
        ServerSocket s = server;
        server = null;
        closeQuietly(s);
        connections.forEach(MllpListener::closeQuietly);
    }

    /** The port it listens on (the configured one, or the one taken for port 0); -1 when not listening. */
    public int port() {
        ServerSocket s = server;
        return s == null ? -1 : s.getLocalPort();
    }

    private void accept() {
        while (server != null) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread.ofVirtual()
                        .name("hl7-mllp-" + socket.getRemoteSocketAddress())
                        .start(() -> serve(socket));
            } catch (IOException e) {
                if (server != null) {
                    LOG.warnf("HL7 listener: accept failed: %s", e.getMessage());
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setSoTimeout((int) config.idleTimeout().toMillis());
            socket.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream());
            String message;
            while ((message = MllpFrames.read(in, config.maxMessageBytes())) != null) {
                MllpFrames.write(out, intake.receive(message));
            }
        } catch (MllpFrames.FramingError e) {
            LOG.infof("HL7 connection from %s closed: %s", socket.getRemoteSocketAddress(), e.getMessage());
        } catch (SSLException e) {
            // a sender that does not speak TLS, or whose certificate is not trusted: no ACK, only it is closed
            LOG.infof("HL7 connection from %s closed: TLS: %s", socket.getRemoteSocketAddress(), e.getMessage());
        } catch (SocketTimeoutException e) {
            LOG.debugf("HL7 connection from %s closed: idle", socket.getRemoteSocketAddress());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "HL7 connection from %s closed", socket.getRemoteSocketAddress());
        } finally {
            connections.remove(socket);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException ignored) {
            // closing on shutdown: nothing left to tell
        }
    }
}
