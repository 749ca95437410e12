package dev.slipway.env;

import dev.slipway.db.ConnectionSpec;
import dev.slipway.plan.PreviewKey;
import java.time.Instant;

/**
 * A preview being built: its name, whose it is, how Slipway connects to it, and how it was cloned.
 *
 * @param cloned how the golden was copied; {@code null} where the provider does not clone databases (kubernetes)
 */
public record PreviewTarget(String name, PreviewKey key, String headSha, Instant createdAt, ConnectionSpec connection,
                            Clone cloned) {

    public PreviewTarget(String name, PreviewKey key, String headSha, Instant createdAt, ConnectionSpec connection) {
        this(name, key, headSha, createdAt, connection, null);
    }

    /**
     * How the golden became this preview.
     *
     * @param strategy {@link CloneStrategy#label()}, e.g. {@code file_copy_clone}
     * @param millis   how long {@code CREATE DATABASE} took, waits for the golden's other sessions included
     * @param reason   why the strategy was picked
     */
    public record Clone(String strategy, long millis, String reason) {
    }
}
