package dev.slipway.mask.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree that remembers the line of every value, so rule errors can say where.
 * Scalars are kept as text ({@code null} for YAML null); maps keep their order.
 */
public record YamlNode(Kind kind, String text, Map<String, YamlNode> fields, List<YamlNode> items, int line) {

    enum Kind { MAP, LIST, SCALAR }

    private static final YAMLFactory FACTORY = new YAMLFactory();

    static YamlNode parse(String yaml) throws IOException {
        try (JsonParser p = FACTORY.createParser(yaml)) {
            JsonToken first = p.nextToken();
            return first == null ? null : read(p);
        }
    }

    private static YamlNode read(JsonParser p) throws IOException {
        int line = p.currentTokenLocation().getLineNr();
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, YamlNode> fields = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                p.nextToken();
                if (fields.put(key, read(p)) != null) {
                    throw new IOException("key '" + key + "' appears twice (line " + p.currentTokenLocation().getLineNr() + ")");
                }
            }
            return new YamlNode(Kind.MAP, null, Collections.unmodifiableMap(fields), List.of(), line);
        }
        if (t == JsonToken.START_ARRAY) {
            List<YamlNode> items = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                items.add(read(p));
            }
            return new YamlNode(Kind.LIST, null, Map.of(), List.copyOf(items), line);
        }
        String text = t == JsonToken.VALUE_NULL ? null : p.getText();
        return new YamlNode(Kind.SCALAR, text, Map.of(), List.of(), line);
    }

    boolean isMap() {
        return kind == Kind.MAP;
    }

    boolean isScalar() {
        return kind == Kind.SCALAR;
    }
}
