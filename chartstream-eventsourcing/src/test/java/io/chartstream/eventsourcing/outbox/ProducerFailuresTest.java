package io.chartstream.eventsourcing.outbox;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Given the drains so far, when one fails: then keep the producer, or make a new one. */
class ProducerFailuresTest {

    private final ProducerFailures failures = new ProducerFailures();

    @Test
    void aFatalErrorReplacesTheProducerAtOnce() {
        assertTrue(failures.failed(new ClusterAuthorizationException("no IdempotentWrite")));
        assertTrue(failures.failed(new UnsupportedVersionException("old broker")));
    }

    @Test
    void aSendTheProducerRefusesItselfReplacesItAtOnce() {
        assertTrue(failures.failed(new ProducerFailures.RefusedSend(
                new KafkaException("Cannot execute transactional method because we are in an error state"))));
        assertTrue(failures.failed(new ProducerFailures.RefusedSend(
                new IllegalStateException("Cannot perform operation after producer has been closed"))));
    }

    @Test
    void anErrorTheClientRecoversFromKeepsTheProducer() {
        assertFalse(failures.failed(new OutOfOrderSequenceException("gap")));
        failures.succeeded();
        assertFalse(failures.failed(new OutOfOrderSequenceException("gap")));
    }

    @Test
    void theSameErrorOnThreeDrainsInARowReplacesTheProducer() {
        assertFalse(failures.failed(new TimeoutException("expired")));
        assertFalse(failures.failed(new TimeoutException("expired")));
        assertTrue(failures.failed(new TimeoutException("expired")));
    }

    @Test
    void aSuccessfulDrainStartsTheCountAgain() {
        failures.failed(new TimeoutException("expired"));
        failures.failed(new TimeoutException("expired"));
        failures.succeeded();
        assertFalse(failures.failed(new TimeoutException("expired")));
        assertFalse(failures.failed(new TimeoutException("expired")));
    }

    @Test
    void differentErrorsInARowAreNotTheSameFailure() {
        assertFalse(failures.failed(new TimeoutException("expired")));
        assertFalse(failures.failed(new NotLeaderOrFollowerException("moving")));
        assertFalse(failures.failed(new TimeoutException("expired")));
    }

    @Test
    void afterAReplacementTheCountStartsAgain() {
        failures.failed(new TimeoutException("expired"));
        failures.failed(new TimeoutException("expired"));
        assertTrue(failures.failed(new TimeoutException("expired")));
        assertFalse(failures.failed(new TimeoutException("expired")));
    }
}
