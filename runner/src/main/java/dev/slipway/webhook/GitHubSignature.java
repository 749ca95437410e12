package dev.slipway.webhook;

import java.util.HexFormat;

/**
 * Signs a delivery the way GitHub does ({@code X-Hub-Signature-256}), for senders: the demo, the serve bench and
 * tests. Verification stays in {@link WebhookIntake}.
 */
public final class GitHubSignature {

    private GitHubSignature() {
    }

    /** {@code sha256=<hex HMAC-SHA256 of body with secret>}. */
    public static String of(byte[] secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(SignatureCheck.hmac(secret, body));
    }
}
