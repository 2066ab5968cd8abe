package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.eventsourcing.store.GroupCommit;
import io.chartstream.exchange.audit.domain.AuditChain;
import io.chartstream.exchange.audit.domain.AuditEntry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.sql.DataSource;

/**
 * The audit records a caller must see committed before it answers (a disclosure, a refusal):
 * written straight into the chained trail, concurrent callers' records in one transaction and one
 * insert ({@link GroupCommit}), so under load a read costs a share of a commit. Nothing else stands
 * between a disclosure and its record; the SIEM stream ({@link AuditStream}) publishes it from there.
 * With {@code chartstream.audit.committers} above 1 the groups are pipelined: a group is chained
 * after the previous group while that one is still committing, and its statement waits for it
 * ({@link AuditLog#appendAfter}); when that group fails, this one is chained again after the head.
 */
@ApplicationScoped
public class DisclosureLog {

    private final GroupCommit<AuditEntry> commits;

    /**
     * The last record of this log's last group written (committed, or committing), used and moved
     * only by the committer whose turn it is: the next group is chained after it without reading it
     * (null: read it first). When another writer appended meanwhile, or that group failed, the
     * append finds out and reads it.
     */
    private AuditChain.Link head;

    public DisclosureLog(
            DataSource dataSource,
            AuditKey key,
            @ConfigProperty(name = "chartstream.audit.committers", defaultValue = "2") int committers) {
        AuditChain chain = new AuditChain(key.bytes());
        this.commits = new GroupCommit<>(
                dataSource,
                (c, entries) -> head = AuditLog.appendAfter(c, chain, head, entries),
                "disclosure-audit",
                512,
                committers,
                committers == 1);
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
