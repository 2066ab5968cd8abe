package io.chartstream.patient.matching.domain;

import org.apache.commons.codec.language.DoubleMetaphone;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Double Metaphone codes (Commons Codec) of names, each name coded once: the same few tens of
 * thousands of names come back in every registration's candidates, and coding them again was
 * a fifth of what scoring cost. Bounded: past {@link #MOST} names the codes are dropped and made
 * again as asked.
 */
final class NameSounds {

    static final int MOST = 100_000;

    private final DoubleMetaphone metaphone = new DoubleMetaphone();
    private final ConcurrentHashMap<String, String[]> codes = new ConcurrentHashMap<>();

    /** {@link DoubleMetaphone#isDoubleMetaphoneEqual} on the primary codes, or on the alternate ones. */
    boolean alike(String a, String b) {
        String[] x = codes(a);
        String[] y = codes(b);
        return Objects.equals(x[0], y[0]) || Objects.equals(x[1], y[1]);
    }

    private String[] codes(String name) {
        String[] known = codes.get(name);
        if (known != null) {
            return known;
        }
        if (codes.size() >= MOST) {
            codes.clear();
        }
        String[] made = {metaphone.doubleMetaphone(name, false), metaphone.doubleMetaphone(name, true)};
        codes.put(name, made);
        return made;
    }
}
