package dev.slipway.lint.plan;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a plan check looks at in one plan of {@code EXPLAIN (FORMAT JSON)}: its total cost, the tables it scans
 * and how, and the indexes it uses.
 *
 * @param totalCost the root node's {@code Total Cost}
 * @param scans     every scan of a table, in plan order
 * @param indexes   every index the plan uses, in plan order
 */
public record Plan(double totalCost, List<Scan> scans, Set<String> indexes) {

    /**
     * A scan of a table.
     *
     * @param node     {@code Seq Scan}, {@code Index Scan}, {@code Index Only Scan}, {@code Bitmap Heap Scan}, …
     * @param relation the table
     * @param index    the index it goes through, or {@code null}
     */
    public record Scan(String node, String relation, String index) {

        public boolean usesIndex() {
            return index != null;
        }

        public boolean sequential() {
            return node.equals("Seq Scan");
        }

        /** {@code Index Scan using orders_customer_idx on orders}, as EXPLAIN's text format names it. */
        @Override
        public String toString() {
            return node + (index == null ? "" : " using " + index) + " on " + relation;
        }
    }

    public Plan {
        scans = List.copyOf(scans);
        indexes = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(indexes));
    }

    /**
     * @param explained the output of {@code EXPLAIN (FORMAT JSON)} (an array of one object), or its {@code Plan} node
     * @throws IllegalArgumentException when it holds no plan
     */
    public static Plan of(JsonNode explained) {
        JsonNode root = explained.isArray() ? explained.path(0).path("Plan") : explained.has("Plan")
                ? explained.path("Plan") : explained;
        if (!root.has("Node Type")) {
            throw new IllegalArgumentException("not a plan of EXPLAIN (FORMAT JSON): " + shorten(explained.toString()));
        }
        List<Scan> scans = new ArrayList<>();
        Set<String> indexes = new LinkedHashSet<>();
        walk(root, scans, indexes);
        return new Plan(root.path("Total Cost").asDouble(), scans, indexes);
    }

    private static void walk(JsonNode node, List<Scan> scans, Set<String> indexes) {
        String index = node.path("Index Name").asText(null);
        if (index != null) {
            indexes.add(index);
        }
        String type = node.path("Node Type").asText();
        String relation = node.path("Relation Name").asText(null);
        if (relation != null && type.endsWith("Scan")) {
            scans.add(new Scan(type, relation, index != null ? index : bitmapIndex(node)));
        }
        node.path("Plans").forEach(child -> walk(child, scans, indexes));
    }

    /** The index under a {@code Bitmap Heap Scan} (the first, when several are combined). */
    private static String bitmapIndex(JsonNode node) {
        for (JsonNode child : node.path("Plans")) {
            String index = child.path("Index Name").asText(null);
            String below = index != null ? index : bitmapIndex(child);
            if (below != null) {
                return below;
            }
        }
        return null;
    }

    /** The scans of one table. */
    public List<Scan> scansOf(String relation) {
        return scans.stream().filter(s -> s.relation().equals(relation)).toList();
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
