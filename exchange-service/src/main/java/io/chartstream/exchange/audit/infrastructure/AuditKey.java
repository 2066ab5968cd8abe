package io.chartstream.exchange.audit.infrastructure;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;

/**
 * The secret the audit chain's hashes are keyed with ({@code chartstream.audit.key}, environment
 * {@code CHARTSTREAM_AUDIT_KEY}, at least 32 characters). Whoever can write to the database but
 * does not hold it cannot forge a record the verification accepts. Every replica needs the same.
 */
@ApplicationScoped
public class AuditKey {

    private final byte[] bytes;

    public AuditKey(@ConfigProperty(name = "chartstream.audit.key") String key) {
        this.bytes = key.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] bytes() {
        return bytes.clone();
    }
}
