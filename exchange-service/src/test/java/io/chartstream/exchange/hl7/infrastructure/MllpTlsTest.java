package io.chartstream.exchange.hl7.infrastructure;

import io.chartstream.exchange.hl7.application.Hl7Intake;
import io.chartstream.exchange.hl7.infrastructure.Hl7TestMessages.Person;
import io.chartstream.exchange.organization.application.DemoOrganizations;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The MLLP listener with TLS on (chartstream.hl7.tls.*), with certificates the test makes with the
 * JDK's keytool: a sender over TLS gets its ACK; one speaking plain MLLP to the TLS port, or
 * without the certificate the listener requires, gets none, and the listener goes on serving.
 * A listener of its own (the application's, plain, is MllpListenerTest's), with the real intake.
 */
@QuarkusTest
class MllpTlsTest {

    private static final String PASSWORD = "changeit";
    private static final String RIVERSIDE = DemoOrganizations.RIVERSIDE_FACILITY;
    private static final String RIVERSIDE_OID = DemoOrganizations.RIVERSIDE_MRN.substring("urn:oid:".length());

    @TempDir
    static Path keys;

    @Inject
    Hl7Intake intake;

    private MllpListener listener;

    private record Config(Hl7Config.Tls tls) implements Hl7Config {
        public boolean enabled() {
            return true;
        }

        public int port() {
            return 0;
        }

        public String host() {
            return "127.0.0.1";
        }

        public int maxMessageBytes() {
            return 1 << 20;
        }

        public Duration idleTimeout() {
            return Duration.ofSeconds(30);
        }
    }

    private record Tls(Hl7Config.ClientAuth clientAuth, Optional<String> trustStore) implements Hl7Config.Tls {
        public boolean enabled() {
            return true;
        }

        public Optional<String> keyStore() {
            return Optional.of(keys.resolve("listener.p12").toString());
        }

        public String keyStoreType() {
            return "PKCS12";
        }

        public Optional<String> keyStorePassword() {
            return Optional.of(PASSWORD);
        }

        public String trustStoreType() {
            return "PKCS12";
        }

        public Optional<String> trustStorePassword() {
            return Optional.of(PASSWORD);
        }
    }

    @BeforeAll
    static void certificates() throws Exception {
        keytool(
                "-genkeypair",
                "-alias",
                "listener",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-ext",
                "san=dns:localhost,ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keys.resolve("listener.p12").toString(),
                "-storepass",
                PASSWORD);
        keytool(
                "-genkeypair",
                "-alias",
                "sender",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=st-marys-ehr",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keys.resolve("sender.p12").toString(),
                "-storepass",
                PASSWORD);
        trustOnly("listener.p12", "listener", "trusts-listener.p12");
        trustOnly("sender.p12", "sender", "trusts-sender.p12");
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), "keytool: " + output);
    }

    /** A trust store holding only the certificate of {@code alias} in {@code from}. */
    private static void trustOnly(String from, String alias, String to) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry(alias, load(from).getCertificate(alias));
        try (OutputStream out = Files.newOutputStream(keys.resolve(to))) {
            trust.store(out, PASSWORD.toCharArray());
        }
    }

    private static KeyStore load(String file) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keys.resolve(file))) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private void listen(Hl7Config.ClientAuth clientAuth, Optional<String> trustStore) throws IOException {
        listener = new MllpListener(intake, new Config(new Tls(clientAuth, trustStore)));
        listener.onStart(null);
    }

    @AfterEach
    void stop() {
        listener.onStop(null);
    }

    /** A sender trusting the listener's certificate, presenting {@code keyStore}'s when given. */
    private MllpClient tlsSender(String keyStore) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load("trusts-listener.p12"));
        KeyManagerFactory own = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        own.init(keyStore == null ? null : load(keyStore), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyStore == null ? null : own.getKeyManagers(), trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", listener.port());
        return new MllpClient(socket);
    }

    private static String admission() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 18);
        Person ana = new Person("MRN-" + id.substring(0, 8), RIVERSIDE_OID, "Rivera", "Ana", "19800214");
        return Hl7TestMessages.admission("A04", RIVERSIDE, id, ana).encode();
    }

    @Test
    void aSenderOverTlsIsAcknowledgedAndOneSpeakingPlainMllpGetsNoAck() throws Exception {
        listen(Hl7Config.ClientAuth.NONE, Optional.empty());
        try (MllpClient sender = tlsSender(null)) {
            MllpClient.Ack ack = sender.send(admission());
            assertEquals("AA", ack.code(), ack.er7());
        }

        try (MllpClient plain = new MllpClient(listener.port())) {
            assertThrows(IOException.class, () -> plain.send(admission()), "no ACK in plain text from a TLS port");
        }

        try (MllpClient sender = tlsSender(null)) {
            assertEquals("AA", sender.send(admission()).code(), "the listener goes on serving");
        }
    }

    @Test
    void aListenerRequiringClientCertificatesServesOnlySendersItTrusts() throws Exception {
        listen(
                Hl7Config.ClientAuth.REQUIRED,
                Optional.of(keys.resolve("trusts-sender.p12").toString()));
        try (MllpClient anonymous = tlsSender(null)) {
            assertThrows(IOException.class, () -> anonymous.send(admission()), "no certificate, no ACK");
        }
        try (MllpClient untrusted = tlsSender("listener.p12")) {
            assertThrows(IOException.class, () -> untrusted.send(admission()), "a certificate it does not trust");
        }

        try (MllpClient sender = tlsSender("sender.p12")) {
            MllpClient.Ack ack = sender.send(admission());
            assertEquals("AA", ack.code(), ack.er7());
        }
    }
}
