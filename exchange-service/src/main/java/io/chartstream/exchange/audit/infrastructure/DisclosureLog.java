package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.eventsourcing.store.GroupCommit;
import io.chartstream.exchange.audit.domain.AuditChain;
import io.chartstream.exchange.audit.domain.AuditEntry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;

/**
 * The audit records a caller must see committed before it answers (a disclosure, a refusal):
 * written straight into the chained trail, concurrent callers' records in one transaction and one
 * insert ({@link GroupCommit}), so under load a read costs a share of a commit. Nothing else stands
 * between a disclosure and its record; the SIEM stream ({@link AuditStream}) publishes it from there.
 */
@ApplicationScoped
public class DisclosureLog {

    private final GroupCommit<AuditEntry> commits;

    public DisclosureLog(DataSource dataSource, AuditKey key) {
        AuditChain chain = new AuditChain(key.bytes());
        this.commits = new GroupCommit<>(
                dataSource, (c, entries) -> AuditLog.appendAll(c, chain, entries), "disclosure-audit", 512);
    }

    /** Starts committing the record; the caller answers only after {@link GroupCommit.Commit#await}. */
    public GroupCommit<AuditEntry>.Commit submit(AuditEntry entry) {
        return commits.submit(entry);
    }

    @PreDestroy
    void close() {
        commits.close();
    }
}
