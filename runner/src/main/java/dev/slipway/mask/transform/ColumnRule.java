package dev.slipway.mask.transform;

import java.util.Map;

/**
 * The rule of one column (or, inside a {@code json} rule, of one path).
 *
 * @param domain  the domain named in the file, or {@code null}: the column is then its own domain
 * @param options the transformer's options as written ({@code length: 12} → {@code "12"})
 * @param paths   for {@code json}: the rule of each path inside the document
 */
public record ColumnRule(String column, String transformer, String domain, Map<String, String> options,
                         Map<String, ColumnRule> paths, int line) {
    public ColumnRule {
        options = Map.copyOf(options);
        paths = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(paths));
    }

    /** Whether the column is copied as it is. */
    public boolean keeps() {
        return Transformers.KEEP.equals(transformer);
    }
}
