package io.chartstream.system.bench.mpi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What linking only on an exact identifier (the same SSN) or on an exact name and birth date
 * (family, given, birth date equal but for case and surrounding blanks) would make of the same
 * registrations, computed from the input alone: the clusters of the transitive closure of those
 * links, named by one member's MRN. Pure, no I/O.
 */
final class ExactBaseline {

    private ExactBaseline() {}

    /** Each registration's cluster. */
    static Map<Registration, String> clusters(List<Registration> registrations) {
        Map<Registration, Registration> parent = new HashMap<>();
        registrations.forEach(r -> parent.put(r, r));
        Map<String, Registration> firstBySsn = new HashMap<>();
        Map<String, Registration> firstByName = new HashMap<>();
        for (Registration r : registrations) {
            if (r.ssn() != null && !r.ssn().isBlank()) {
                union(parent, r, firstBySsn.computeIfAbsent(r.ssn().trim(), k -> r));
            }
            String name = r.nameAndBirthDate();
            if (name != null) {
                union(parent, r, firstByName.computeIfAbsent(name, k -> r));
            }
        }
        Map<Registration, String> cluster = new HashMap<>();
        registrations.forEach(r -> {
            Registration root = root(parent, r);
            cluster.put(r, root.facility() + "|" + root.mrn());
        });
        return cluster;
    }

    private static Registration root(Map<Registration, Registration> parent, Registration r) {
        Registration p = parent.get(r);
        while (p != parent.get(p)) {
            p = parent.get(p);
        }
        return p;
    }

    private static void union(Map<Registration, Registration> parent, Registration a, Registration b) {
        Registration ra = root(parent, a);
        Registration rb = root(parent, b);
        if (ra != rb) {
            parent.put(ra, rb);
        }
    }
}
