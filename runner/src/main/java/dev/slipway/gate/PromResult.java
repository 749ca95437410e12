package dev.slipway.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Json;
import java.util.Map;
import java.util.TreeMap;

/** What an instant query to Prometheus gave: one value, nothing, too much, or an error. Parsing is pure. */
public sealed interface PromResult {

    /** Exactly one series or a scalar; {@code value} may be NaN or infinite, as Prometheus sends them. */
    record Sample(double value, Map<String, String> labels) implements PromResult {
    }

    /** The query matched no series. */
    record Empty() implements PromResult {
    }

    /** The query matched {@code count} series where one was expected. */
    record Many(int count) implements PromResult {
    }

    /** Prometheus refused the query (its own error text) or could not be reached. */
    record Failed(String message) implements PromResult {
    }

    /** Reads the body of {@code /api/v1/query} answered with HTTP {@code status}. */
    static PromResult parse(int status, String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            return new Failed("HTTP " + status + " with a body that is not Prometheus JSON: " + shorten(body));
        }
        if (!"success".equals(root.path("status").asText())) {
            String type = root.path("errorType").asText("");
            return new Failed(root.path("error").asText("HTTP " + status) + (type.isEmpty() ? "" : " (" + type + ")"));
        }
        JsonNode data = root.path("data");
        JsonNode result = data.path("result");
        return switch (data.path("resultType").asText()) {
            case "scalar" -> new Sample(number(result.path(1).asText()), Map.of());
            case "vector" -> vector(result);
            default -> new Failed("expected an instant vector or a scalar, got a " + data.path("resultType").asText()
                    + "; the query must not be a range selector");
        };
    }

    private static PromResult vector(JsonNode result) {
        if (result.size() == 0) {
            return new Empty();
        }
        if (result.size() > 1) {
            return new Many(result.size());
        }
        JsonNode series = result.get(0);
        Map<String, String> labels = new TreeMap<>();
        series.path("metric").fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
        return new Sample(number(series.path("value").path(1).asText()), labels);
    }

    /** Prometheus writes numbers as strings, with {@code NaN}, {@code +Inf} and {@code -Inf}. */
    static double number(String text) {
        return switch (text) {
            case "NaN" -> Double.NaN;
            case "+Inf", "Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> parseOrNaN(text);
        };
    }

    private static double parseOrNaN(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String shorten(String body) {
        String one = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
