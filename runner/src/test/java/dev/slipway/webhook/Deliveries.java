package dev.slipway.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.Consumer;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds deliveries the way each forge sends them, signed with {@link #SECRET}; loads the payload fixtures. */
final class Deliveries {

    static final String SECRET = "test-secret-6f1d9c0e-do-not-leak";
    static final WebhookIntake INTAKE = new WebhookIntake(secrets());

    private static final ObjectMapper JSON = new ObjectMapper();

    private Deliveries() {
    }

    static WebhookSecrets secrets() {
        return WebhookSecrets.none().with(Forge.GITHUB, SECRET).with(Forge.GITLAB, SECRET).with(Forge.GITEA, SECRET);
    }

    /** {@code webhook/<forge>/<name>} from the test resources, byte for byte. */
    static byte[] fixture(String forgeAndName) {
        try (InputStream in = Deliveries.class.getResourceAsStream("/webhook/" + forgeAndName)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource webhook/" + forgeAndName);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static WebhookRequest github(String event, byte[] body) {
        return new WebhookRequest(Forge.GITHUB, headers("X-GitHub-Event", event, "X-GitHub-Delivery",
                "72d3162e-cc78-11e3-81ab-4c9367dc0958", "X-Hub-Signature-256", "sha256=" + hmacHex(SECRET, body)),
                body);
    }

    static WebhookRequest gitlab(String event, byte[] body) {
        return new WebhookRequest(Forge.GITLAB, headers("X-Gitlab-Event", event, "X-Gitlab-Event-UUID",
                "13792a34-cac6-4fda-95a8-c58e00a3954e", "X-Gitlab-Token", SECRET), body);
    }

    static WebhookRequest gitea(String event, byte[] body) {
        return new WebhookRequest(Forge.GITEA, headers("X-Gitea-Event", event, "X-Gitea-Delivery",
                "f6266f16-1bf3-46a5-9ea4-602e06ead473", "X-Gitea-Signature", hmacHex(SECRET, body)), body);
    }

    /** The same request with {@code name} set to {@code value}, or removed when value is null. */
    static WebhookRequest withHeader(WebhookRequest request, String name, String value) {
        Map<String, String> headers = new HashMap<>(request.headers());
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return new WebhookRequest(request.forge(), headers, request.body());
    }

    static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fixture's JSON after {@code change}, serialised again. */
    static byte[] edited(String forgeAndName, Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(fixture(forgeAndName));
            change.accept(root);
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return headers;
    }
}
