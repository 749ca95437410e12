package dev.slipway.webhook;

import dev.slipway.config.Sizes;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Verifies and reads forge webhook deliveries, in this order: size (413), signature (401), event, JSON (400).
 * The body is parsed only after its signature checks out, and only for events Slipway acts on.
 *
 * <p>{@link #receive} never throws for bad input: every outcome is a {@link Delivery} with the HTTP status to
 * answer and a one-line reason, which never contains a secret. Thread-safe; holds no state between deliveries.
 */
public final class WebhookIntake {

    /** The largest body accepted unless told otherwise: 5 MiB. GitHub caps its payloads at 25 MB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;

    private final WebhookSecrets secrets;
    private final long maxBodyBytes;
    private final Map<Forge, EventReader> readers = new EnumMap<>(Forge.class);

    /** An intake refusing bodies over {@code maxBodyBytes}. */
    public WebhookIntake(WebhookSecrets secrets, long maxBodyBytes) {
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        if (maxBodyBytes <= 0) {
            throw new IllegalArgumentException("maxBodyBytes must be positive, not " + maxBodyBytes);
        }
        this.maxBodyBytes = maxBodyBytes;
        for (Forge forge : Forge.values()) {
            readers.put(forge, EventReader.of(forge));
        }
    }

    /** An intake refusing bodies over {@link #DEFAULT_MAX_BODY_BYTES}. */
    public WebhookIntake(WebhookSecrets secrets) {
        this(secrets, DEFAULT_MAX_BODY_BYTES);
    }

    /** What to answer and whether to act: see {@link Delivery}. */
    public Delivery receive(WebhookRequest request) {
        Envelope envelope = envelope(request);
        if (request.bodyLength() > maxBodyBytes) {
            return envelope.unverified(413, tooLarge(request.bodyLength(), maxBodyBytes));
        }
        byte[] body = request.body();
        Optional<String> unverified = SignatureCheck.failure(request, body, secrets.secret(request.forge()));
        if (unverified.isPresent()) {
            return envelope.unverified(401, unverified.get());
        }
        return read(request, envelope, body);
    }

    /**
     * The reason a body over {@code limit} is refused with, here and by the HTTP server in front.
     *
     * @param bytes the body's size, or -1 when it is not known (a chunked body cut off at the limit)
     */
    public static String tooLarge(long bytes, long limit) {
        return "the body is " + (bytes < 0 ? "larger than" : bytes + " bytes, over") + " the limit of " + limit
                + " bytes (" + Sizes.format(limit) + "); raise serve.webhooks.maxBody or send fewer events to this "
                + "webhook";
    }

    private Delivery read(WebhookRequest request, Envelope envelope, byte[] body) {
        String eventHeader = ForgeHeaders.event(request.forge());
        if (request.header(eventHeader).isEmpty()) {
            return envelope.ignored("the delivery has no " + eventHeader + " header, so Slipway cannot tell "
                    + "which event it is");
        }
        EventReader reader = readers.get(request.forge());
        if (!reader.knows(envelope.event())) {
            return envelope.ignored("event " + OneLine.of(envelope.event()) + " is not one Slipway acts on");
        }
        try {
            return envelope.of(reader.read(envelope.event(), Payload.parse(envelope.event(), body)));
        } catch (PayloadException e) {
            return envelope.rejected(400, e.getMessage());
        }
    }

    private static Envelope envelope(WebhookRequest request) {
        Forge forge = Objects.requireNonNull(request, "request").forge();
        String id = request.header(ForgeHeaders.delivery(forge)).orElseGet(() -> "local-" + UUID.randomUUID());
        return new Envelope(forge, id, request.header(ForgeHeaders.event(forge)).orElse("unknown"));
    }

    @Override
    public String toString() {
        return "WebhookIntake[" + secrets + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}
