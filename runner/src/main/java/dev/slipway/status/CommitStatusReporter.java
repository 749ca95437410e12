package dev.slipway.status;

/** Sets commit statuses somewhere people see them. Implementations are thread-safe. */
@FunctionalInterface
public interface CommitStatusReporter {

    /**
     * Sets {@code status} on its commit, once, without retrying.
     *
     * @throws StatusReportException when the forge refused it or could not be reached
     */
    void report(CommitStatus status);

    /** A reporter that reports nowhere: for runs without a forge. */
    static CommitStatusReporter none() {
        return status -> {
        };
    }
}
