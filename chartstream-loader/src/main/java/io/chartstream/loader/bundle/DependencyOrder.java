package io.chartstream.loader.bundle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bundle order, except that an entry referred to by an earlier entry is moved to just before it.
 * Within one transaction the order does not matter to the server; across chunks it does: a
 * reference is rewritten only to an entry of an earlier chunk. With every reference pointing
 * backwards, any chunk boundary is a good one. Synthea's bundles already are in this order, so for
 * them this changes nothing. A reference cycle cannot be ordered; its members stay in bundle order
 * and {@link ChunkedBundle} keeps them in one chunk.
 */
public final class DependencyOrder {

    private DependencyOrder() {}

    public static List<PreparedEntry> sort(List<PreparedEntry> entries) {
        Map<String, Integer> byUrl = indexByFullUrl(entries);
        int[] state = new int[entries.size()]; // 0 new, 1 being visited, 2 placed
        List<PreparedEntry> sorted = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            visit(i, entries, byUrl, state, sorted);
        }
        return sorted;
    }

    private static void visit(
            int i, List<PreparedEntry> entries, Map<String, Integer> byUrl, int[] state, List<PreparedEntry> sorted) {
        if (state[i] != 0) {
            return; // placed already, or a cycle back to an entry being visited
        }
        state[i] = 1;
        for (var reference : entries.get(i).references()) {
            Integer target = byUrl.get(reference.getReference());
            if (target != null) {
                visit(target, entries, byUrl, state, sorted);
            }
        }
        state[i] = 2;
        sorted.add(entries.get(i));
    }

    static Map<String, Integer> indexByFullUrl(List<PreparedEntry> entries) {
        Map<String, Integer> byUrl = new HashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            String url = entries.get(i).fullUrl();
            if (url != null) {
                byUrl.put(url, i);
            }
        }
        return byUrl;
    }
}
