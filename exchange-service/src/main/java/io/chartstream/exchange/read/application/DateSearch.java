package io.chartstream.exchange.read.application;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import io.chartstream.fhir.FhirProblem;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Timing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * FHIR date search: a value with a prefix compared with an element, each as the range of instants
 * it covers at its precision ({@code 2024-03} is all of March). Ranges are {@code [low, high)} in
 * epoch milliseconds; a period without an end reaches to the end of time.
 */
final class DateSearch {

    /** The instants a date, dateTime, instant or period covers: from {@code low}, up to but not including {@code high}. */
    record Range(long low, long high) {

        static Range of(BaseDateTimeType date) {
            TemporalPrecisionEnum precision = date.getPrecision();
            return new Range(
                    date.getValue().getTime(), precision.add(date.getValue(), 1).getTime());
        }

        static Range at(long instant) {
            return new Range(instant, instant + 1);
        }
    }

    enum Prefix {
        EQ,
        NE,
        GT,
        LT,
        GE,
        LE,
        SA,
        EB
    }

    /** One date search value: {@code [prefix]date}. */
    record Value(Prefix prefix, Range range) {

        /** FHIR's prefix semantics over ranges (R4 3.1.1.4.4). */
        boolean matches(Range t) {
            Range p = range;
            return switch (prefix) {
                case EQ -> p.low() <= t.low() && t.high() <= p.high();
                case NE -> !(p.low() <= t.low() && t.high() <= p.high());
                case GT -> t.high() > p.high();
                case LT -> t.low() < p.low();
                case GE -> t.high() > p.low();
                case LE -> t.low() < p.high();
                case SA -> t.low() >= p.high();
                case EB -> t.high() <= p.low();
            };
        }
    }

    private DateSearch() {}

    /** Parses {@code ge2024-01-05}, {@code 2024}, {@code lt2024-01-05T10:00:00Z}; 400 when it is not one. */
    static Value parse(String parameter, String text) {
        String s = text.strip();
        Prefix prefix = Prefix.EQ;
        if (s.length() > 2 && Character.isLetter(s.charAt(0))) {
            try {
                prefix = Prefix.valueOf(s.substring(0, 2).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw FhirProblem.invalid(
                        parameter + ": the prefixes served are eq, ne, gt, lt, ge, le, sa, eb: " + text);
            }
            s = s.substring(2);
        }
        try {
            return new Value(prefix, Range.of(new DateTimeType(s)));
        } catch (RuntimeException e) {
            throw FhirProblem.invalid(
                    parameter + " is a FHIR date, dateTime or instant with an optional prefix: " + text);
        }
    }

    /** The ranges an element found by a search parameter's path covers; none for an element that is not a date. */
    static List<Range> rangesOf(Base element) {
        List<Range> ranges = new ArrayList<>();
        switch (element) {
            case BaseDateTimeType d when d.getValue() != null -> ranges.add(Range.of(d));
            case Period p -> period(p).ifPresent(ranges::add);
            case Timing t ->
                t.getEvent().stream().filter(e -> e.getValue() != null).forEach(e -> ranges.add(Range.of(e)));
            default -> {}
        }
        return ranges;
    }

    private static Optional<Range> period(Period p) {
        boolean start = p.getStartElement().getValue() != null;
        boolean end = p.getEndElement().getValue() != null;
        if (!start && !end) {
            return Optional.empty();
        }
        return Optional.of(new Range(
                start ? Range.of(p.getStartElement()).low() : Long.MIN_VALUE,
                end ? Range.of(p.getEndElement()).high() : Long.MAX_VALUE));
    }
}
