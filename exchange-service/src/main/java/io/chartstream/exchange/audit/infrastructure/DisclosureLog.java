package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.eventsourcing.store.GroupCommit;
import io.chartstream.exchange.audit.domain.AuditChain;
import io.chartstream.exchange.audit.domain.AuditEntry;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import javax.sql.DataSource;

/**
 * The audit records a caller must see committed before it answers (a disclosure, a refusal):
 * written straight into the chained trail, concurrent callers' records in one insert
 * ({@link GroupCommit}), so under load a read costs a share of a commit. The insert is one
 * statement that commits by itself ({@link GroupCommit.Commits#STATEMENT}): it takes the append
 * lock and moves the head only if it still is where this log left it, so it is correct alone; when
 * the head moved, nothing is written, and the group is chained again after the head as it is, in a
 * statement of its own ({@link AuditLog#appendAfter}). Nothing else stands between a disclosure
 * and its record; the SIEM stream ({@link AuditStream}) publishes it from there.
 */
@ApplicationScoped
public class DisclosureLog {

    private final GroupCommit<AuditEntry> commits;

    /**
     * The head after this log's last append, used and moved only by the committer thread: the next
     * group is chained after it without reading it (null: read it first). When another writer
     * appended meanwhile, or a commit failed, the append finds out and reads it.
     */
    private AuditChain.Link head;

    public DisclosureLog(DataSource dataSource, AuditKey key) {
        AuditChain chain = new AuditChain(key.bytes());
        this.commits = new GroupCommit<>(
                dataSource,
                (c, entries) -> head = AuditLog.appendAfter(c, chain, head, entries),
                "disclosure-audit",
                512,
                GroupCommit.Commits.STATEMENT);
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
