package io.chartstream.exchange.hl7.infrastructure;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Optional;

/**
 * The listener's server socket: plain TCP, or TLS when {@code chartstream.hl7.tls.enabled} (the
 * key store's key and certificate, optionally asking senders for a certificate). The handshake
 * happens on a connection's first read, on its own thread: a sender that does not speak TLS gets
 * no ACK and ends only its own connection.
 */
final class MllpServerSockets {

    private MllpServerSockets() {}

    static ServerSocket open(Hl7Config config) throws IOException {
        Hl7Config.Tls tls = config.tls();
        if (!tls.enabled()) {
            return new ServerSocket();
        }
        try {
            SSLServerSocket socket =
                    (SSLServerSocket) context(tls).getServerSocketFactory().createServerSocket();
            switch (tls.clientAuth()) {
                case REQUIRED -> socket.setNeedClientAuth(true);
                case WANT -> socket.setWantClientAuth(true);
                case NONE -> socket.setNeedClientAuth(false);
            }
            return socket;
        } catch (GeneralSecurityException e) {
            throw new IOException("HL7 listener: TLS cannot be set up from the configured key store: " + e, e);
        }
    }

    private static SSLContext context(Hl7Config.Tls tls) throws IOException, GeneralSecurityException {
        String keyStore = tls.keyStore()
                .orElseThrow(() -> new IOException(
                        "chartstream.hl7.tls.enabled=true needs chartstream.hl7.tls.key-store (a PKCS#12 file)"));
        char[] keyPassword = password(tls.keyStorePassword());
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore, tls.keyStoreType(), keyPassword), keyPassword);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(
                tls.trustStore().isPresent()
                        ? load(tls.trustStore().get(), tls.trustStoreType(), password(tls.trustStorePassword()))
                        : null);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyStore load(String file, String type, char[] password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password);
        }
        return store;
    }

    private static char[] password(Optional<String> password) {
        return password.map(String::toCharArray).orElse(new char[0]);
    }
}
