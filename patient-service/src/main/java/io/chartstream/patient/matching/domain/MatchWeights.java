package io.chartstream.patient.matching.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

/**
 * Fellegi-Sunter weights: for every field and level, m (how often a true match shows it) and u
 * (how often two different people do); the weight is log2(m/u). Two thresholds split the total:
 * at or above {@code certain} a link (when the certainty rules hold), otherwise at or above
 * {@code possible} a review, below it nothing. The possible threshold may lie above the certain
 * one: then a score between them that breaks a rule is no review either (the review budget).
 * The shipped values ({@code match-weights.properties} beside this class) were estimated by
 * MatchQualityBenchmark; patient-service's README says how.
 */
public final class MatchWeights {

    private final Map<Field, Map<Level, Double>> weights;
    private final double certain;
    private final double possible;

    public MatchWeights(Map<Field, Map<Level, Double>> weights, double certain, double possible) {
        this.weights = new EnumMap<>(weights);
        this.certain = certain;
        this.possible = possible;
    }

    /** Weights from m and u: {@code <field>.<LEVEL>.m}, {@code .u}, {@code threshold.certain}, {@code threshold.possible}. */
    public static MatchWeights fromProperties(Properties p) {
        Map<Field, Map<Level, Double>> weights = new EnumMap<>(Field.class);
        for (Field field : Field.values()) {
            Map<Level, Double> levels = new EnumMap<>(Level.class);
            for (Level level : field.levels()) {
                double m = number(p, field.key() + "." + level + ".m");
                double u = number(p, field.key() + "." + level + ".u");
                levels.put(level, log2(m / u));
            }
            weights.put(field, levels);
        }
        return new MatchWeights(weights, number(p, "threshold.certain"), number(p, "threshold.possible"));
    }

    public static MatchWeights standard() {
        try (InputStream in = MatchWeights.class.getResourceAsStream("match-weights.properties")) {
            if (in == null) {
                throw new IllegalStateException("match-weights.properties is missing from the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return fromProperties(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public double weight(Field field, Level level) {
        Double w = weights.get(field).get(level);
        if (w == null) {
            throw new IllegalArgumentException(field + " has no level " + level);
        }
        return w;
    }

    public double certain() {
        return certain;
    }

    public double possible() {
        return possible;
    }

    public MatchWeights withThresholds(double certain, double possible) {
        return new MatchWeights(weights, certain, possible);
    }

    public static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static double number(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalStateException("match weights lack " + key);
        }
        return Double.parseDouble(value.trim());
    }
}
