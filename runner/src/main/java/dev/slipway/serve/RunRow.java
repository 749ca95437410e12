package dev.slipway.serve;

import dev.slipway.plan.PreviewKey;
import java.time.Instant;
import java.util.UUID;

/**
 * One preview build.
 *
 * @param state  {@code running}, {@code succeeded}, {@code failed}, {@code interrupted} or {@code error}
 * @param detail JSON: lint findings, applied migrations, locks measured
 */
public record RunRow(UUID id, PreviewKey key, String headSha, String preview, String reason, String owner,
                     String state, Instant startedAt, Instant finishedAt, String summary, String detail, String error) {
}
