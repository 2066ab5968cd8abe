package io.chartstream.exchange.audit.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Requests refused before any record was looked at: no or an invalid token (401), or a token
 * whose roles do not allow the endpoint (403). Each is worth an audit record, but a flood of them
 * must neither bury the trail nor exhaust memory, so they are tallied per window: one record per
 * kind, caller, client address, endpoint (ids masked) and reason, with the count and the window,
 * and at most {@code maxKinds} distinct ones per window; attempts beyond that are one record of
 * their own with their count.
 */
public final class RefusedAttempts {

    public static final String TYPE = "security";
    public static final String UNAUTHENTICATED = "unauthenticated";
    public static final String FORBIDDEN = "forbidden";

    private static final Pattern ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** One refused request: {@code subtype} is {@link #UNAUTHENTICATED} or {@link #FORBIDDEN}. */
    public record Attempt(
            String subtype,
            String user,
            String organization,
            String method,
            String path,
            String address,
            String reason) {

        /** The same attempt on any record: ids in the path are masked, so a scan over ids is one line. */
        Attempt masked() {
            return new Attempt(
                    subtype,
                    user,
                    organization,
                    method,
                    path == null ? null : ID.matcher(path).replaceAll("{id}"),
                    address,
                    reason);
        }
    }

    private final int maxKinds;
    private final Map<Attempt, Long> counts = new LinkedHashMap<>();
    private long untallied;
    private Instant since;

    public RefusedAttempts(int maxKinds) {
        this.maxKinds = maxKinds;
    }

    public synchronized void count(Attempt attempt, Instant at) {
        if (since == null) {
            since = at;
        }
        Attempt key = attempt.masked();
        if (counts.containsKey(key) || counts.size() < maxKinds) {
            counts.merge(key, 1L, Long::sum);
        } else {
            untallied++;
        }
    }

    /** The window's records, ending {@code now}; the next window starts empty. */
    public synchronized List<AuditEntry> drain(Instant now) {
        List<AuditEntry> entries = new ArrayList<>();
        String window = " between " + since + " and " + now;
        counts.forEach((a, n) -> entries.add(new AuditEntry(
                UUID.randomUUID(),
                now,
                TYPE,
                a.subtype(),
                "E",
                AuditEntry.REFUSED,
                a.user(),
                a.organization(),
                null,
                ChannelEntries.SOURCE,
                null,
                List.of(a.method() + " " + a.path()),
                n + (n == 1 ? " attempt" : " attempts") + window + " from " + a.address() + ": " + a.reason())));
        if (untallied > 0) {
            entries.add(new AuditEntry(
                    UUID.randomUUID(),
                    now,
                    TYPE,
                    "refused-flood",
                    "E",
                    AuditEntry.REFUSED,
                    null,
                    null,
                    null,
                    ChannelEntries.SOURCE,
                    null,
                    List.of(),
                    untallied + " further refused attempts" + window + ", beyond " + maxKinds
                            + " kinds in one window, not itemized"));
        }
        counts.clear();
        untallied = 0;
        since = null;
        return entries;
    }
}
