package dev.slipway.webhook;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One HTTP delivery as the route received it: the forge it was addressed to (by URL), its headers and the exact
 * body bytes, which the signature covers.
 *
 * <p>Header names are looked up case-insensitively, in {@link #headers()} as in {@link #header(String)}. The body is
 * copied in and out, so the request is immutable. {@link #toString()} shows header names and the body's size, never
 * header values: {@code X-Gitlab-Token} is the secret itself.
 */
public record WebhookRequest(Forge forge, Map<String, String> headers, byte[] body) {

    public WebhookRequest {
        Objects.requireNonNull(forge, "forge");
        headers = caseInsensitive(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    /** A copy of the body bytes. */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body's size in bytes, without copying it. */
    public int bodyLength() {
        return body.length;
    }

    /** The header's value, trimmed, whatever the case of {@code name}; empty when absent or blank. */
    public Optional<String> header(String name) {
        String value = headers.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    @Override
    public String toString() {
        return "WebhookRequest[forge=" + forge.id() + ", headers=" + headers.keySet() + ", body=" + body.length
                + " bytes]";
    }

    private static Map<String, String> caseInsensitive(Map<String, String> headers) {
        SortedMap<String, String> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, value) -> {
                if (name != null && value != null) {
                    copy.put(name, value);
                }
            });
        }
        return Collections.unmodifiableSortedMap(copy);
    }
}
