package io.chartstream.eventsourcing.runtime;

import io.chartstream.eventsourcing.tracing.TraceContext;
import io.opentelemetry.api.OpenTelemetry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

/**
 * Gives the runtime the service's OpenTelemetry (Quarkus' extension produces it as a bean but
 * does not make it global), so a projection's application of a traced event is a span of its own
 * in the write's trace. A service without the extension keeps carrying trace context without spans.
 */
@ApplicationScoped
public class TracingSetup {

    void onStart(@Observes StartupEvent start, Instance<OpenTelemetry> openTelemetry) {
        if (openTelemetry.isResolvable()) {
            TraceContext.use(openTelemetry.get());
        }
    }
}
