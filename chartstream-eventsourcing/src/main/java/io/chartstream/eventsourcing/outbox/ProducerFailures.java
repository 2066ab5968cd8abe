package io.chartstream.eventsourcing.outbox;

import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.InvalidPidMappingException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Decides when the relay's Kafka producer is past recovering by itself and must be closed and made
 * again (docs/decisions.md §45). An idempotent producer recovers from lost sequence state on its
 * own (it bumps its epoch: KIP-360), so most failures only make the relay try the rows again. Two
 * kinds do not: a producer in its fatal error state (the client aborts every batch and refuses
 * every later send with the same error, until it is closed), or a closed one; and any failure that
 * comes back on {@link #SAME_FAILURE_DRAINS} drains in a row, whatever the client thinks of it.
 * Pure: the relay tells it each drain's outcome.
 */
final class ProducerFailures {

    /** Drains in a row failing with the same kind of error after which the producer is made again. */
    static final int SAME_FAILURE_DRAINS = 3;

    private Class<?> lastFailure;
    private int inARow;

    /** A drain published without a Kafka failure. */
    void succeeded() {
        lastFailure = null;
        inARow = 0;
    }

    /** A drain failed with {@code failure}; answers whether to replace the producer now. */
    boolean failed(Throwable failure) {
        if (failure.getClass() == lastFailure) {
            inARow++;
        } else {
            lastFailure = failure.getClass();
            inARow = 1;
        }
        if (unrecoverable(failure) || inARow >= SAME_FAILURE_DRAINS) {
            succeeded(); // the count starts again with the new producer
            return true;
        }
        return false;
    }

    /**
     * Failures after which the Kafka client (4.1) refuses every later send: the errors its
     * {@code TransactionManager.maybeTransitionToErrorState} makes fatal for an idempotent producer
     * too, and anything {@code send} itself throws rather than returning a failed future (the
     * "error state" {@code KafkaException}, or the {@code IllegalStateException} of a closed producer).
     */
    static boolean unrecoverable(Throwable failure) {
        return failure instanceof ClusterAuthorizationException
                || failure instanceof TransactionalIdAuthorizationException
                || failure instanceof ProducerFencedException
                || failure instanceof UnsupportedVersionException
                || failure instanceof InvalidPidMappingException
                || failure instanceof RefusedSend;
    }

    /** What {@code send} itself threw: the producer refused the record before taking it. */
    static final class RefusedSend extends Exception {
        RefusedSend(RuntimeException cause) {
            super("the Kafka producer refused a send: " + cause, cause);
        }
    }
}
