package dev.slipway.webhook;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * The shared webhook secret of each forge, as bytes; a forge may have none, and then every delivery from it is
 * refused. Immutable and thread-safe. {@link #toString()} says only which forges have a secret.
 */
public final class WebhookSecrets {

    private final Map<Forge, byte[]> secrets;

    private WebhookSecrets(Map<Forge, byte[]> secrets) {
        this.secrets = secrets;
    }

    /** No secret for any forge: every delivery is refused with 401. */
    public static WebhookSecrets none() {
        return new WebhookSecrets(new EnumMap<>(Forge.class));
    }

    /** Secrets as UTF-8 text, as people paste them into the forge's webhook settings. */
    public static WebhookSecrets ofText(Map<Forge, String> secrets) {
        WebhookSecrets result = none();
        secrets.forEach((forge, text) -> result.secrets.put(forge, bytes(forge, text)));
        return result;
    }

    /**
     * These secrets plus {@code secret} for {@code forge}, replacing any it had.
     *
     * @throws SlipwayException with {@link ErrorCode#CONFIG_INVALID} when the secret is empty, which would let
     *                          anyone sign a delivery
     */
    public WebhookSecrets with(Forge forge, byte[] secret) {
        EnumMap<Forge, byte[]> copy = new EnumMap<>(secrets);
        copy.put(forge, checked(forge, secret).clone());
        return new WebhookSecrets(copy);
    }

    /** {@link #with(Forge, byte[])} for a secret written as UTF-8 text. */
    public WebhookSecrets with(Forge forge, String secret) {
        return with(forge, bytes(forge, secret));
    }

    /** A copy of the forge's secret, or empty when none is configured. */
    public Optional<byte[]> secret(Forge forge) {
        byte[] secret = secrets.get(forge);
        return secret == null ? Optional.empty() : Optional.of(secret.clone());
    }

    @Override
    public String toString() {
        StringJoiner text = new StringJoiner(", ", "WebhookSecrets[", "]");
        for (Forge forge : Forge.values()) {
            text.add(forge.id() + "=" + (secrets.containsKey(forge) ? "***" : "none"));
        }
        return text.toString();
    }

    private static byte[] bytes(Forge forge, String text) {
        return checked(forge, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] checked(Forge forge, byte[] secret) {
        if (secret == null || secret.length == 0) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, "the " + forge.displayName()
                    + " webhook secret is empty; set the same non-empty secret here and in the forge's webhook "
                    + "settings, or leave it out to refuse " + forge.displayName() + " deliveries");
        }
        return secret;
    }
}
