package dev.slipway.status;

/** Keeps one comment of Slipway's on a pull request up to date. */
public interface PullRequestCommenter {

    /** What an {@link #upsert} did: the comment's id, and whether it was created (else edited). */
    record Posted(long id, boolean created) {
    }

    /**
     * Makes Slipway's comment on {@code thread} read {@code body}: edits the comment whose text starts with
     * {@code marker}, or creates one starting with it.
     *
     * @throws CommentReportException when the forge refuses or cannot be reached
     */
    Posted upsert(CommentThread thread, String marker, String body);

    /** A commenter that comments nowhere, for a serve without a forge. */
    static PullRequestCommenter none() {
        return (thread, marker, body) -> new Posted(0, false);
    }
}
