package io.chartstream.patient.registration.application;

import io.chartstream.eventsourcing.store.EventMetadata;
import io.chartstream.eventsourcing.store.StreamConflictException;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.Registration;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Optional;

/**
 * Registers a patient, deciding once more when a concurrent registration won a race (same new
 * identifier, or the same person's stream): the second decision sees the winner's commit and
 * links to or returns that person instead of creating a second one. Not
 * {@code CommandHandler.retryOnConflict}: that retries only the stream's conflict, and here the
 * identifier index ({@link ConcurrentRegistration}) detects most races.
 */
@ApplicationScoped
public class RegistrationService {

    private static final Logger LOG = Logger.getLogger(RegistrationService.class);

    private static final int MAX_ATTEMPTS = 3;

    private final RegistrationTransaction transaction;

    public RegistrationService(RegistrationTransaction transaction) {
        this.transaction = transaction;
    }

    public RegistrationOutcome register(
            Registration registration, Optional<Identifier> ifNoneExist, EventMetadata metadata) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.attempt(registration, ifNoneExist, metadata);
            } catch (ConcurrentRegistration | StreamConflictException raced) {
                // A lost race means another registration committed: the next decision sees it.
                // One retry settles a race of two; a few more cover a burst of the same patient.
                if (attempt == MAX_ATTEMPTS) {
                    throw raced;
                }
                LOG.infof("registration raced (%s), deciding again", raced.getMessage());
            }
        }
    }
}
