package io.chartstream.patient.registration.application;

import io.chartstream.patient.matching.domain.MatchRecord;
import io.chartstream.patient.registration.domain.Identifier;
import io.chartstream.patient.registration.domain.Person;
import io.chartstream.patient.registration.infrastructure.MergeTable;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Registration's view of merges (decisions §21): a merged person is its survivor. Identifiers
 * that name one person stay with it, merged or not (its stream takes the link: the source names
 * it, so an unmerge leaves it there); identifiers naming several persons that are one survivor
 * now are that survivor; candidates are one per survivor.
 */
final class Survivors {

    private final Connection c;
    private final Map<UUID, UUID> survivors = new HashMap<>();

    Survivors(Connection c) {
        this.c = c;
    }

    UUID of(UUID personId) {
        return survivors.computeIfAbsent(personId, id -> {
            try {
                return MergeTable.survivorOf(c, id);
            } catch (SQLException e) {
                throw new IllegalStateException("could not follow the merges of " + id, e);
            }
        });
    }

    Map<Identifier, UUID> known(Map<Identifier, UUID> known) {
        if (known.values().stream().distinct().count() <= 1) {
            return known;
        }
        List<UUID> ofTheirOwn = known.values().stream().map(this::of).distinct().toList();
        if (ofTheirOwn.size() > 1) {
            return known; // still several persons: a conflict, as before
        }
        return known.keySet().stream().collect(Collectors.toMap(i -> i, i -> ofTheirOwn.get(0)));
    }

    /** One look-alike per survivor, the first found (which may be a merged person, whose stream then takes the link). */
    List<Person> lookAlikes(List<Person> found) {
        Map<UUID, Person> bySurvivor = new LinkedHashMap<>();
        found.forEach(p -> bySurvivor.putIfAbsent(of(p.personId()), p));
        return List.copyOf(bySurvivor.values());
    }

    /** The candidates' records under their survivors: a person and those merged into it are one candidate. */
    Map<UUID, List<MatchRecord>> scored(Map<UUID, List<MatchRecord>> scored) {
        // one statement for all candidates, not one per candidate: common names bring hundreds
        try {
            survivors.putAll(MergeTable.survivorsOf(c, scored.keySet()));
        } catch (SQLException e) {
            throw new IllegalStateException("could not follow the merges of the candidates", e);
        }
        Map<UUID, List<MatchRecord>> bySurvivor = new LinkedHashMap<>();
        scored.forEach((person, records) ->
                bySurvivor.computeIfAbsent(of(person), k -> new ArrayList<>()).addAll(records));
        return bySurvivor;
    }
}
