package dev.slipway.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that a delivery carries proof of the shared secret: an HMAC-SHA256 of the body (GitHub, Gitea) or the
 * secret itself (GitLab). Comparisons take the same time wherever the first difference is. Reasons name the header
 * and what to fix, never the secret or the header's value.
 */
final class SignatureCheck {

    private static final String GITHUB_PREFIX = "sha256=";

    private SignatureCheck() {
    }

    /** Why the delivery with this {@code body} is not verified, or empty when it is. */
    static Optional<String> failure(WebhookRequest request, byte[] body, Optional<byte[]> secret) {
        Forge forge = request.forge();
        String header = ForgeHeaders.signature(forge);
        if (secret.isEmpty()) {
            return Optional.of("no " + forge.displayName() + " webhook secret is configured, so Slipway cannot "
                    + "verify " + header + "; configure the secret set in the forge's webhook settings");
        }
        Optional<String> value = request.header(header);
        if (value.isEmpty()) {
            return Optional.of(header + " header is missing; set a secret in the " + forge.displayName()
                    + " webhook settings equal to the configured " + forge.displayName() + " webhook secret");
        }
        boolean matches = switch (forge) {
            case GITHUB -> value.get().startsWith(GITHUB_PREFIX)
                    && hmacMatches(secret.get(), body, value.get().substring(GITHUB_PREFIX.length()));
            case GITEA -> hmacMatches(secret.get(), body, value.get());
            case GITLAB -> sameBytes(secret.get(), value.get().getBytes(StandardCharsets.UTF_8));
        };
        return matches ? Optional.empty() : Optional.of(mismatch(forge, header));
    }

    private static String mismatch(Forge forge, String header) {
        String name = forge.displayName();
        if (forge == Forge.GITLAB) {
            return header + " does not equal the configured GitLab webhook secret; check the secret token in the "
                    + "project's webhook settings";
        }
        return header + " does not match the body signed with the configured " + name + " webhook secret; check "
                + "the secret in the repository's webhook settings";
    }

    private static boolean hmacMatches(byte[] secret, byte[] body, String hex) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, body), given);
    }

    /** Equal without leaking where they differ or how long the secret is: compares digests of both. */
    private static boolean sameBytes(byte[] secret, byte[] given) {
        return MessageDigest.isEqual(sha256(secret), sha256(given));
    }

    static byte[] hmac(byte[] secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
