package dev.slipway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.webhook.GitHubSignature;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;

/**
 * GitHub {@code pull_request} deliveries as GitHub sends them: the real example payload with the bench's
 * repository, number and head commit put in, compact JSON, signed with HMAC-SHA256 of the exact bytes
 * ({@code X-Hub-Signature-256}). Thread-safe once loaded.
 */
final class SignedDeliveries {

    /** The payload kept in the repository (GitHub's example {@code pull_request} synchronize delivery). */
    static final String PAYLOAD = "runner/src/test/resources/webhook/github/pull_request-synchronize.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ObjectNode template;
    private final byte[] secret;

    /** A signed body: the bytes sent, and the value of {@code X-Hub-Signature-256}. */
    record Body(byte[] bytes, String signature) {
    }

    private SignedDeliveries(ObjectNode template, String secret) {
        this.template = template;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** Deliveries built from the JSON payload in {@code file}, signed with {@code secret}. */
    static SignedDeliveries load(Path file, String secret) {
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (!(n instanceof ObjectNode o) || !o.path("pull_request").isObject()) {
                throw new IOException("not a GitHub pull_request payload");
            }
            return new SignedDeliveries(o, secret);
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "benchmark: cannot read the webhook payload "
                    + file + ": " + e.getMessage() + "; run the bench from the repository (./slipway bench serve)", e);
        }
    }

    /** Pull request {@code number} of {@code repo} with its head at {@code headSha} on {@code branch}, open. */
    Body pullRequest(String repo, String action, int number, String headSha, String branch, Instant updatedAt) {
        ObjectNode body = template.deepCopy();
        body.put("action", action);
        body.put("number", number);
        ObjectNode pr = (ObjectNode) body.get("pull_request");
        pr.put("number", number);
        pr.put("state", "open");
        pr.put("merged", false);
        pr.put("updated_at", updatedAt.toString());
        ((ObjectNode) pr.get("head")).put("sha", headSha).put("ref", branch);
        ((ObjectNode) pr.get("base")).put("ref", "main");
        ((ObjectNode) body.get("repository")).put("full_name", repo);
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        return new Body(bytes, GitHubSignature.of(secret, bytes));
    }

    /** The POST GitHub makes to {@code hook} for {@code body}, with a delivery id of its own. */
    static HttpRequest request(URI hook, Body body, String deliveryId) {
        return HttpRequest.newBuilder(hook)
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/slipway-bench")
                .header("X-GitHub-Event", "pull_request")
                .header("X-GitHub-Delivery", deliveryId)
                .header("X-Hub-Signature-256", body.signature())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                .build();
    }
}
