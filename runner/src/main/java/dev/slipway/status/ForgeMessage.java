package dev.slipway.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * The forge's own explanation in an error response: the {@code message} field (GitHub, Gitea, GitLab; GitLab's may
 * be an object of field errors) or {@code error}, else the start of the body. One line, bounded, token removed.
 */
final class ForgeMessage {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int MAX = 300;

    private ForgeMessage() {
    }

    static String of(String body, String token) {
        String text = explanation(body == null ? "" : body).replaceAll("\\p{Cntrl}", " ").strip();
        if (!token.isEmpty()) {
            text = text.replace(token, "***");
        }
        if (text.isEmpty()) {
            return "(no message)";
        }
        return text.length() <= MAX ? text : text.substring(0, MAX - 1) + "…";
    }

    private static String explanation(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            JsonNode message = json == null ? null : json.has("message") ? json.get("message") : json.get("error");
            if (message != null && !message.isNull()) {
                return message.isTextual() ? message.textValue() : message.toString();
            }
        } catch (IOException notJson) {
            return body;
        }
        return body;
    }
}
