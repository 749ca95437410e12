package dev.slipway.mask.transform;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code json} in one pass over the document's text, without building a tree: the document is written back
 * compact (no whitespace between tokens) with every token outside the masked paths as it was, and each value
 * at a path replaced by the JSON string of its transformer's output ({@code null} stays {@code null}). The
 * text a transformer masks is what {@link JsonTransformer} gives it: a string's value, or the compact JSON
 * text of any other value. An object holding a key twice (possible in {@code json}, never in {@code jsonb})
 * keeps both, each masked. Thread-safe.
 *
 * <p>Measured against Jackson's streaming parser and generator doing the same pass (docs/benchmarks.md,
 * 2026-12-07): Jackson took about three times as long on the documents alone, and 13–15 % more on the masked
 * copy of the mask benchmark's rows, so the scan stays hand-written. It relies on its input being valid JSON as
 * PostgreSQL prints {@code jsonb} and checks {@code json}; what it cannot read is refused without quoting it.
 */
public final class JsonRewriter implements Transformer {

    private final Step root;

    private JsonRewriter(Step root) {
        this.root = root;
    }

    /**
     * The rewriter of {@code paths}, or {@code null} when one path lies inside another ({@code a} and
     * {@code a.b}): then the order of the paths matters and only the tree can follow it.
     */
    static JsonRewriter of(List<JsonTransformer.PathRule> paths) {
        Step root = new Step();
        for (JsonTransformer.PathRule p : paths) {
            if (!root.add(p.steps(), 0, p.transformer())) {
                return null;
            }
        }
        return new JsonRewriter(root);
    }

    @Override
    public String apply(String value, Row row) {
        return JsonScan.rewrite(value, root);
    }

    /** A node of the path tree: where a path ends it has the transformer, else the steps below it. */
    static final class Step {
        private final List<String> keys = new ArrayList<>();
        private final List<Step> children = new ArrayList<>();
        private Transformer transformer;

        /** The transformer of the values here, or null when paths go on below. */
        Transformer transformer() {
            return transformer;
        }

        /** Adds the rest of a path from step {@code i}; false when it meets another path's end or passes it. */
        boolean add(List<String> steps, int i, Transformer t) {
            if (transformer != null) {
                return false;
            }
            if (i == steps.size()) {
                transformer = t;
                return keys.isEmpty();
            }
            int k = keys.indexOf(steps.get(i));
            if (k < 0) {
                keys.add(steps.get(i));
                children.add(new Step());
                k = keys.size() - 1;
            }
            return children.get(k).add(steps, i + 1, t);
        }

        /** The step below for key text {@code doc[from, to)} (escape-free), or null. */
        Step child(char[] doc, int from, int to) {
            for (int k = 0; k < keys.size(); k++) {
                if (same(keys.get(k), doc, from, to)) {
                    return children.get(k);
                }
            }
            return null;
        }

        private static boolean same(String key, char[] doc, int from, int to) {
            if (key.length() != to - from) {
                return false;
            }
            for (int i = 0; i < key.length(); i++) {
                if (key.charAt(i) != doc[from + i]) {
                    return false;
                }
            }
            return true;
        }

        Step child(String key) {
            int k = keys.indexOf(key);
            return k < 0 ? null : children.get(k);
        }
    }
}
