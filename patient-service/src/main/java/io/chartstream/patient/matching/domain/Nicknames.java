package io.chartstream.patient.matching.domain;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Given names that are the same name (William, Bill, Will, Liam): groups read from
 * {@code nicknames.txt} beside this class, one group a line, {@code formal: nick, nick}. A name
 * may sit in several groups (Chris: Christopher and Christine).
 */
public final class Nicknames {

    private final Map<String, Set<Integer>> groupsOf;

    Nicknames(List<List<String>> groups) {
        Map<String, Set<Integer>> index = new HashMap<>();
        for (int g = 0; g < groups.size(); g++) {
            for (String name : groups.get(g)) {
                index.computeIfAbsent(MatchRecord.name(name), n -> new HashSet<>())
                        .add(g);
            }
        }
        this.groupsOf = Map.copyOf(index);
    }

    /** The table shipped with the service. */
    public static Nicknames standard() {
        try (InputStream in = Nicknames.class.getResourceAsStream("nicknames.txt")) {
            if (in == null) {
                throw new IllegalStateException("nicknames.txt is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Nicknames parse(BufferedReader lines) throws IOException {
        List<List<String>> groups = new java.util.ArrayList<>();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            groups.add(List.of(content.replace(":", ",").split("\\s*,\\s*")));
        }
        return new Nicknames(groups);
    }

    /** Whether two (normalized) given names are in one group. */
    public boolean sameName(String a, String b) {
        Set<Integer> ga = groupsOf.get(a);
        Set<Integer> gb = ga == null ? null : groupsOf.get(b);
        if (gb == null) {
            return false; // most names are in no group
        }
        for (Integer g : gb) {
            if (ga.contains(g)) {
                return true;
            }
        }
        return false;
    }
}
