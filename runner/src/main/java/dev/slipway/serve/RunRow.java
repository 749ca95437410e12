package dev.slipway.serve;

import dev.slipway.plan.PreviewKey;
import java.time.Instant;
import java.util.UUID;

/**
 * One preview build.
 *
 * @param state  {@code running}, {@code succeeded}, {@code failed}, {@code interrupted} or {@code error}
 * @param detail        JSON: lint findings, applied migrations, locks measured
 * @param cloneStrategy how the golden was cloned ({@code file_copy_clone}, {@code file_copy}, {@code wal_log});
 *                      {@code null} before the clone and for the kubernetes provider
 * @param cloneMillis   how long the clone took; {@code null} when {@code cloneStrategy} is
 */
public record RunRow(UUID id, PreviewKey key, String headSha, String preview, String reason, String owner,
                     String state, Instant startedAt, Instant finishedAt, String summary, String detail, String error,
                     String cloneStrategy, Long cloneMillis) {
}
