package dev.slipway.migrate;

import java.util.List;
import java.util.UUID;

/**
 * The result of a run: what was applied, retried and cleaned up, and how it ended. For a dry run,
 * {@code plan} lists what would be executed and nothing was applied.
 *
 * @param outcome   {@code succeeded}, {@code failed}, {@code refused} or {@code dry-run}
 * @param errorCode the {@link dev.slipway.ErrorCode} name when the run did not succeed
 */
public record MigrationReport(UUID runId, String engine, String engineVersion, String target, String location,
                              String outcome, List<StepReport> migrations, List<RetryEvent> retries,
                              List<String> invalidIndexesDropped, List<String> plan, long durationMs,
                              String errorCode, String error, int exitCode) {

    public boolean succeeded() {
        return exitCode == 0;
    }

}
