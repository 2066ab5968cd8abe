package io.chartstream.eventsourcing.tracing;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

import java.util.HashMap;
import java.util.Map;

/**
 * W3C trace context carried by events: captured from the current span when an event is
 * appended (into its metadata), sent with it on Kafka as the CloudEvents distributed-tracing
 * attribute ({@code ce_traceparent}), and made current again while a projection applies it, so
 * the events that application appends (an organization's feed event) continue the same trace.
 */
public final class TraceContext {

    /** The CloudEvents extension attribute (distributed tracing extension). */
    public static final String ATTRIBUTE = "traceparent";

    private static final String TRACEPARENT = "traceparent";
    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Map<String, String>> MAP = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
            return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
            return carrier == null ? null : carrier.get(key);
        }
    };

    private static volatile Tracer tracer;

    private TraceContext() {}

    /** The OpenTelemetry whose tracer starts the runtime's spans (none set: the global one, usually a no-op). */
    public static void use(OpenTelemetry openTelemetry) {
        tracer = openTelemetry.getTracer("io.chartstream.eventsourcing");
    }

    /** The current span's {@code traceparent}; null when no trace is current. */
    public static String currentTraceparent() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(Context.current(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** The context a {@code traceparent} names (the root context when there is none or it is malformed). */
    public static Context of(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP);
    }

    /**
     * Starts a span named {@code name} as a child of {@code traceparent} and makes it current until
     * the scope closes. Without an OpenTelemetry SDK the span records nothing but still carries the
     * parent's trace, so what is appended inside continues it.
     */
    public static Scope continueTrace(String traceparent, String name) {
        return continueTrace(traceparent, name, SpanKind.CONSUMER);
    }

    /** As {@link #continueTrace(String, String)}, with the span's kind (a webhook call is a client). */
    public static Scope continueTrace(String traceparent, String name, SpanKind kind) {
        Context parent = of(traceparent);
        if (!Span.fromContext(parent).getSpanContext().isValid()) {
            return Context.root().makeCurrent();
        }
        Span span = startSpan(parent, name, kind);
        Scope scope = parent.with(span).makeCurrent();
        return () -> {
            scope.close();
            span.end();
        };
    }

    /**
     * A span of {@code kind} in the trace an event carries, not made current (the caller ends it,
     * for example when Kafka acknowledged a send); a no-op span when the event carries no trace.
     */
    public static Span startSpan(String traceparent, String name, SpanKind kind) {
        Context parent = of(traceparent);
        return Span.fromContext(parent).getSpanContext().isValid() ? startSpan(parent, name, kind) : Span.getInvalid();
    }

    private static Span startSpan(Context parent, String name, SpanKind kind) {
        return tracer().spanBuilder(name).setParent(parent).setSpanKind(kind).startSpan();
    }

    private static Tracer tracer() {
        Tracer t = tracer;
        return t != null ? t : GlobalOpenTelemetry.getTracer("io.chartstream.eventsourcing");
    }
}
