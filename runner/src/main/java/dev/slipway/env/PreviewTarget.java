package dev.slipway.env;

import dev.slipway.db.ConnectionSpec;
import dev.slipway.plan.PreviewKey;
import java.time.Instant;

/** A preview being built: its name, whose it is, and how Slipway connects to it. */
public record PreviewTarget(String name, PreviewKey key, String headSha, Instant createdAt, ConnectionSpec connection) {
}
