package dev.slipway.webhook;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A delivery's JSON body and the fields read from it by dotted path ({@code pull_request.head.sha}). Required
 * fields that are missing or of the wrong type throw {@link PayloadException} naming the path.
 */
final class Payload {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private static final Pattern COMMIT_ID = Pattern.compile("[0-9a-fA-F]{40}");

    private final String event;
    private final JsonNode root;

    private Payload(String event, JsonNode root) {
        this.event = event;
        this.root = root;
    }

    /** Parses the body of an {@code event} delivery; throws {@link PayloadException} unless it is a JSON object. */
    static Payload parse(String event, byte[] body) {
        if (body.length == 0) {
            throw new PayloadException("the " + OneLine.of(event) + " body is empty; a JSON object was expected");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new PayloadException(notJson(event, body, e));
        } catch (IOException e) {
            throw new PayloadException("the " + OneLine.of(event) + " body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PayloadException("the " + OneLine.of(event) + " body is not a JSON object");
        }
        return new Payload(event, root);
    }

    private static String notJson(String event, byte[] body, JacksonException e) {
        if (new String(body, 0, Math.min(body.length, 8), StandardCharsets.US_ASCII).startsWith("payload=")) {
            return "the " + OneLine.of(event) + " body is form-encoded, not JSON; set the webhook's content type "
                    + "to application/json";
        }
        JsonLocation at = e.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "the " + OneLine.of(event) + " body is not valid JSON" + where + ": " + OneLine.of(e.getOriginalMessage());
    }

    /** The text at {@code path}; throws when it is missing, null or not a string. */
    String text(String path) {
        JsonNode node = required(path);
        if (!node.isTextual()) {
            throw new PayloadException(path + " in the " + OneLine.of(event) + " payload is not a string");
        }
        return node.textValue();
    }

    /** The text at {@code path}, or null when it is missing, null or not a string. */
    String optionalText(String path) {
        JsonNode node = at(path);
        return node.isTextual() ? node.textValue() : null;
    }

    /** The whole number at {@code path}; throws when it is missing or not an int. */
    int number(String path) {
        JsonNode node = required(path);
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw new PayloadException(path + " in the " + OneLine.of(event) + " payload is not a whole number");
        }
        return node.intValue();
    }

    /**
     * The pull request number at {@code path}; throws unless it is a whole number of at least 1: forges number
     * pull requests from 1, and 0 or a negative number would name a preview no pull request can close.
     */
    int pullRequestNumber(String path) {
        int n = number(path);
        if (n < 1) {
            throw new PayloadException(path + " in the " + OneLine.of(event) + " payload is " + n
                    + "; a pull request number is a whole number from 1 up");
        }
        return n;
    }

    /**
     * The commit id at {@code path}, in lowercase; throws unless it is 40 hexadecimal digits, the full id Git
     * gives a commit (a short or made-up id could never be built and would leave the preview waiting).
     */
    String commitId(String path) {
        String id = text(path);
        if (!COMMIT_ID.matcher(id).matches()) {
            throw new PayloadException(path + " in the " + OneLine.of(event) + " payload is '" + OneLine.of(id)
                    + "', not a commit id; expected the full 40-digit hexadecimal id of the head commit");
        }
        return id.toLowerCase(java.util.Locale.ROOT);
    }

    /** The boolean at {@code path}, or {@code otherwise} when it is missing or not a boolean. */
    boolean flag(String path, boolean otherwise) {
        JsonNode node = at(path);
        return node.isBoolean() ? node.booleanValue() : otherwise;
    }

    /** The {@code field} text of each object in the array at {@code path}; empty when there is no array. */
    List<String> names(String path, String field) {
        List<String> names = new ArrayList<>();
        for (JsonNode item : at(path)) {
            JsonNode name = item.path(field);
            if (name.isTextual()) {
                names.add(name.textValue());
            }
        }
        return names;
    }

    /**
     * The time at {@code path}, or null when it is missing or unreadable: ISO-8601 with an offset (GitHub, Gitea,
     * newer GitLab) or GitLab's {@code 2025-11-20 10:12:31 UTC}.
     */
    Instant time(String path) {
        String text = optionalText(path);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.replaceFirst("^(\\S+) (\\S+) UTC$", "$1T$2Z")).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    /** True when {@code path} holds an array, possibly empty. */
    boolean hasArray(String path) {
        return at(path).isArray();
    }

    private JsonNode required(String path) {
        JsonNode node = at(path);
        if (node.isMissingNode() || node.isNull()) {
            throw new PayloadException(path + " is missing from the " + OneLine.of(event) + " payload");
        }
        return node;
    }

    private JsonNode at(String path) {
        JsonNode node = root;
        for (String name : path.split("\\.")) {
            node = node.path(name);
        }
        return node;
    }
}
