package dev.slipway.status;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.webhook.Forge;

/**
 * Slipway's pull request comment did not reach the forge: it answered with an error, or did not answer. The message
 * names the forge, the pull request, what was being done, the HTTP status and the forge's own message, never the token.
 *
 * <p>Error codes as for commit statuses: {@link ErrorCode#CONNECTION_FAILED} when there was no answer, or a 408, 429
 * or 5xx (worth retrying later); {@link ErrorCode#CONFIG_INVALID} for other refusals.
 */
public final class CommentReportException extends SlipwayException {

    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    private CommentReportException(ErrorCode code, String message, Throwable cause, int httpStatus) {
        super(code, message, cause);
        this.httpStatus = httpStatus;
    }

    /** The forge answered {@code httpStatus} with {@code forgeMessage} (already free of the token) to {@code doing}. */
    static CommentReportException refused(Forge forge, CommentThread thread, String doing, int httpStatus,
                                          String forgeMessage) {
        String message = forge.displayName() + " refused to " + doing + " on " + thread + ": HTTP " + httpStatus + " "
                + forgeMessage + "; " + StatusReportException.hint(httpStatus, "comment on pull requests of this "
                + "repository (GitHub: issues or pull requests write; GitLab: api scope, Reporter role; Gitea: "
                + "write:issue)", "that the pull request exists and the comment is not too long");
        return new CommentReportException(StatusReportException.worthRetrying(httpStatus)
                ? ErrorCode.CONNECTION_FAILED : ErrorCode.CONFIG_INVALID, message, null, httpStatus);
    }

    /** No answer from the forge at {@code where} (scheme, host and port only): {@code problem} says why. */
    static CommentReportException unanswered(Forge forge, CommentThread thread, String doing, String where,
                                             String problem, Throwable cause) {
        return new CommentReportException(ErrorCode.CONNECTION_FAILED, "cannot " + doing + " on " + thread + " at "
                + forge.displayName() + " " + where + ": " + problem + "; check the API base URL and that " + where
                + " is reachable from here", cause, 0);
    }

    /** The forge's HTTP status, or 0 when it did not answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** True when trying again later may work: no answer, 408, 429 or 5xx. */
    public boolean retryable() {
        return httpStatus == 0 || StatusReportException.worthRetrying(httpStatus);
    }
}
