package io.chartstream.exchange.audit.infrastructure;

import io.chartstream.eventsourcing.admin.AdminAction;
import io.chartstream.exchange.audit.domain.ChannelEntries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.sql.SQLException;
import java.util.List;

/** Rebuilds and redrives of the exchange's projections go into the audit trail before they run. */
@ApplicationScoped
public class AdminActionAudit {

    private final AuditAppender audit;

    public AdminActionAudit(AuditAppender audit) {
        this.audit = audit;
    }

    void onAction(@Observes AdminAction action) throws SQLException {
        audit.append(
                List.of(ChannelEntries.adminAction(action.action(), action.target(), action.actor(), action.at())));
    }
}
