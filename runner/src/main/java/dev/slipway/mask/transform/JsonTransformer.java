package dev.slipway.mask.transform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.slipway.mask.catalog.SourceCatalog.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code json}: masks the values at listed paths inside json/jsonb documents, each path with a text
 * transformer of its own ({@code email: email}, {@code address.street: hash}, {@code contacts[*].phone: phone}).
 * A string value is masked as text; any other value (number, object, array) is masked as its JSON text and
 * becomes a string; JSON null stays null. Keys and everything else are kept. A {@code keep} path is no path.
 * Documents are rewritten in one pass by {@link JsonRewriter}; this tree, which applies the paths one after
 * another, is kept for rules where one path lies inside another.
 */
public final class JsonTransformer implements Transformer {

    private static final ObjectMapper JSON = JsonText.JSON;
    private static final Set<String> TYPES = Set.of("json", "jsonb");
    private static final Column TEXT = new Column("(path)", "text", "text", 'S', false, false, false, -1);

    /** One path's steps ({@code a}, {@code [*]}, ...) and the transformer of the values found there. */
    record PathRule(List<String> steps, Transformer transformer) {
    }

    private final List<PathRule> paths;

    /** The tree way for {@code paths}, applied in order; {@link #create} uses it only for paths inside paths. */
    JsonTransformer(List<PathRule> paths) {
        this.paths = paths;
    }

    static Transformer create(ColumnRule rule, Transformers.Target target, Keyring keys) {
        Column c = target.column();
        if (!TYPES.contains(c.baseType()) || c.array()) {
            throw Transformers.misfit("json", c, "json or jsonb");
        }
        List<PathRule> paths = new ArrayList<>();
        for (Map.Entry<String, ColumnRule> p : rule.paths().entrySet()) {
            ColumnRule r = p.getValue();
            if (r.transformer().equals("json") || r.transformer().equals("date_shift")
                    || r.transformer().equals("number_noise")) {
                throw new IllegalArgumentException("path " + p.getKey() + ": transformer '" + r.transformer()
                        + "' cannot mask a value inside a document; use a text transformer (hash, email, name, phone, ...)");
            }
            Transformers.Target inner = new Transformers.Target(target.what() + " path " + p.getKey(), TEXT, List.of(),
                    target.defaultDomain() + "#" + p.getKey());
            Transformer t = Transformers.create(r, inner, keys);
            if (t != null) {
                paths.add(new PathRule(steps(p.getKey()), t));
            }
        }
        JsonRewriter onePass = JsonRewriter.of(paths);
        return onePass != null ? onePass : new JsonTransformer(List.copyOf(paths));
    }

    /** {@code $.a.b[*].c} → {@code [a, b, [*], c]}. */
    static List<String> steps(String path) {
        String p = path.startsWith("$.") ? path.substring(2) : path;
        List<String> steps = new ArrayList<>();
        for (String part : p.split("\\.")) {
            if (part.endsWith("[*]")) {
                steps.add(part.substring(0, part.length() - 3));
                steps.add("[*]");
            } else {
                steps.add(part);
            }
        }
        steps.removeIf(String::isEmpty);
        return List.copyOf(steps);
    }

    @Override
    public String apply(String value, Row row) {
        JsonNode doc;
        try {
            doc = JSON.readTree(value);
        } catch (JsonProcessingException e) {
            throw JsonText.invalid(e);
        }
        for (PathRule p : paths) {
            doc = visit(doc, p.steps(), 0, p.transformer());
        }
        return doc.toString();
    }

    private static JsonNode visit(JsonNode node, List<String> steps, int i, Transformer t) {
        if (node == null || node.isNull()) {
            return node;
        }
        if (i == steps.size()) {
            String text = node.isTextual() ? node.textValue() : node.toString();
            String masked = t.apply(text, null);
            return masked == null ? com.fasterxml.jackson.databind.node.NullNode.instance : TextNode.valueOf(masked);
        }
        String step = steps.get(i);
        if (step.equals("[*]") && node instanceof ArrayNode array) {
            for (int k = 0; k < array.size(); k++) {
                array.set(k, visit(array.get(k), steps, i + 1, t));
            }
        } else if (node instanceof ObjectNode object && object.has(step)) {
            object.set(step, visit(object.get(step), steps, i + 1, t));
        }
        return node;
    }
}
