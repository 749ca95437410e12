package dev.slipway.env;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewState;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Slipway's ownership mark on a preview: {@code slipway-preview} followed by JSON naming the pull request, the
 * head commit, the state and when the build started. Only objects with a mark that parses are Slipway's.
 */
public record PreviewMark(PreviewKey key, String headSha, PreviewState state, Instant createdAt) {

    static final String PREFIX = "slipway-preview ";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The mark as text, for a database comment or an annotation. */
    public String text() {
        ObjectNode n = JSON.createObjectNode();
        n.put("repo", key.repo());
        n.put("id", key.id());
        n.put("head", headSha);
        n.put("state", state.id());
        n.put("created", createdAt.toString());
        return PREFIX + n;
    }

    public PreviewMark withState(PreviewState next) {
        return new PreviewMark(key, headSha, next, createdAt);
    }

    /** The mark in {@code text}, or empty when it is not one of Slipway's (absent, foreign or damaged). */
    public static Optional<PreviewMark> parse(String text) {
        if (text == null || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(text.substring(PREFIX.length()));
            return Optional.of(new PreviewMark(new PreviewKey(n.get("repo").asText(), n.get("id").asText()),
                    n.get("head").asText(), PreviewState.valueOf(n.get("state").asText().toUpperCase(Locale.ROOT)),
                    Instant.parse(n.get("created").asText())));
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
