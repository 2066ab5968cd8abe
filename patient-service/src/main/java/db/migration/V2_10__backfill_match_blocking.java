package db.migration;

import io.chartstream.patient.registration.infrastructure.MatchIndexBackfill;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.jboss.logging.Logger;

/**
 * Persons registered before V2_2 have no rows in the blocking index: this files each of their
 * registrations (MatchIndexBackfill), once, in the migration's transaction. Version 2.10 so that
 * parallel work may still take 2.7 to 2.9.
 */
public class V2_10__backfill_match_blocking extends BaseJavaMigration {

    private static final Logger LOG = Logger.getLogger(V2_10__backfill_match_blocking.class);

    @Override
    public void migrate(Context context) throws Exception {
        int filed = new MatchIndexBackfill().fill(context.getConnection());
        LOG.infof("filed %d registrations of persons registered before the blocking index", filed);
    }
}
