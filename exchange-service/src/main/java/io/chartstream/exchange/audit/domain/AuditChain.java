package io.chartstream.exchange.audit.domain;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.List;

/**
 * The audit trail as a hash chain: record {@code n} carries the hash of record {@code n-1} and its
 * own hash, an HMAC-SHA256 (keyed with a secret only the exchange holds) over its sequence number,
 * its predecessor's hash and its content. Whoever can write to the database but does not hold the
 * key cannot change, remove or insert a record without {@link #verify} naming it.
 */
public final class AuditChain {

    /** The predecessor hash of the first record. */
    public static final String GENESIS = "0".repeat(64);

    private final byte[] key;
    /** A Mac is not thread-safe, and making one (provider lookup, key schedule) costs more than a hash. */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    public AuditChain(byte[] key) {
        if (key == null || key.length < 32) {
            throw new IllegalArgumentException("the audit chain key must be at least 32 bytes");
        }
        this.key = key.clone();
    }

    /** A record as stored: its place in the chain and the hashes it carries. */
    public record Link(long sequence, AuditEntry entry, String previousHash, String hash) {}

    /** The next link after {@code previous} (null: the first record). */
    public Link append(Link previous, AuditEntry entry) {
        long sequence = previous == null ? 1 : previous.sequence() + 1;
        String previousHash = previous == null ? GENESIS : previous.hash();
        return new Link(sequence, entry, previousHash, hash(sequence, previousHash, entry));
    }

    public String hash(long sequence, String previousHash, AuditEntry entry) {
        Mac mac = macs.get(); // doFinal leaves it ready for the next record
        mac.update((sequence + "\n" + previousHash + "\n" + entry.canonical()).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(mac.doFinal());
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** What a verification found. */
    public sealed interface Verification permits Intact, Broken {}

    /** Every record is in place: {@code records} of them, the last one's sequence and hash. */
    public record Intact(long records, long lastSequence, String lastHash) implements Verification {}

    /** How a record was tampered with. */
    public enum Tampering {
        /** its content (or its own hash) no longer matches its hash */
        CHANGED,
        /** it is missing: the sequence jumps over it, or the chain ends before the exchange's last record */
        REMOVED,
        /** it was not written by the exchange: it does not link to its predecessor or lies past the last record */
        INSERTED
    }

    /** The first record that is not as the exchange wrote it. */
    public record Broken(long sequence, Tampering tampering, String detail) implements Verification {}

    /**
     * Walks the records in sequence order. {@code lastWritten} is the sequence of the last record
     * the exchange itself appended (its head, kept apart from the records), so records cut off
     * the end or added past it are found too.
     */
    public Verification verify(List<Link> links, long lastWritten) {
        Verifier verifier = verifier(lastWritten);
        for (Link link : links) {
            Broken broken = verifier.next(link);
            if (broken != null) {
                return broken;
            }
        }
        return verifier.end();
    }

    public Verifier verifier(long lastWritten) {
        return new Verifier(lastWritten);
    }

    /** Verifies a chain record by record, so a long trail is read in pages. */
    public final class Verifier {

        private final long lastWritten;
        private String previousHash = GENESIS;
        private long expected = 1;

        private Verifier(long lastWritten) {
            this.lastWritten = lastWritten;
        }

        /** The record is checked against its predecessor; null when it is as the exchange wrote it. */
        public Broken next(Link link) {
            if (link.sequence() > lastWritten) {
                return new Broken(
                        link.sequence(),
                        Tampering.INSERTED,
                        "past the last record the exchange wrote (" + lastWritten + ")");
            }
            if (link.sequence() > expected) {
                return new Broken(
                        expected,
                        Tampering.REMOVED,
                        "the chain jumps from " + (expected - 1) + " to " + link.sequence());
            }
            if (link.sequence() < expected) {
                return new Broken(link.sequence(), Tampering.INSERTED, "a second record at " + link.sequence());
            }
            if (!link.previousHash().equals(previousHash)) {
                return new Broken(
                        link.sequence(), Tampering.INSERTED, "it does not link to record " + (link.sequence() - 1));
            }
            if (!hash(link.sequence(), link.previousHash(), link.entry()).equals(link.hash())) {
                return new Broken(link.sequence(), Tampering.CHANGED, "its content does not match its hash");
            }
            previousHash = link.hash();
            expected++;
            return null;
        }

        /** After the last record: intact, or the records cut off the end. */
        public Verification end() {
            if (expected - 1 < lastWritten) {
                return new Broken(
                        expected,
                        Tampering.REMOVED,
                        "the chain ends at " + (expected - 1) + " but the exchange wrote up to " + lastWritten);
            }
            return new Intact(expected - 1, expected - 1, previousHash);
        }
    }
}
