package dev.slipway.status;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.webhook.Forge;

/**
 * A commit status did not reach the forge: it answered with an error, or did not answer. The message names the
 * forge, repository, commit, HTTP status and the forge's own message, never the token.
 *
 * <p>Error codes: {@link ErrorCode#CONNECTION_FAILED} when there was no answer, or a 408, 429 or 5xx (worth
 * retrying later); {@link ErrorCode#CONFIG_INVALID} for other refusals (token, permissions, repository, URL).
 */
public final class StatusReportException extends SlipwayException {

    private static final long serialVersionUID = 1L;

    private final Forge forge;
    private final String repo;
    private final String sha;
    private final int httpStatus;

    private StatusReportException(ErrorCode code, String message, Throwable cause, Forge forge, CommitStatus status,
                                  int httpStatus) {
        super(code, message, cause);
        this.forge = forge;
        this.repo = status.repo();
        this.sha = status.sha();
        this.httpStatus = httpStatus;
    }

    /** The forge answered {@code httpStatus} with {@code forgeMessage} (already free of the token). */
    static StatusReportException refused(Forge forge, CommitStatus status, int httpStatus, String forgeMessage) {
        String message = forge.displayName() + " refused commit status " + status.context() + " for "
                + status.repo() + " at " + status.sha() + ": HTTP " + httpStatus + " " + forgeMessage + "; "
                + hint(httpStatus, "write commit statuses on this repository",
                "that the commit exists in this repository and that the status fields are valid");
        return new StatusReportException(worthRetrying(httpStatus) ? ErrorCode.CONNECTION_FAILED
                : ErrorCode.CONFIG_INVALID, message, null, forge, status, httpStatus);
    }

    /** No answer from the forge at {@code where} (scheme, host and port only): {@code problem} says why. */
    static StatusReportException unanswered(Forge forge, CommitStatus status, String where, String problem,
                                            Throwable cause) {
        String message = "cannot report commit status " + status.context() + " for " + status.repo() + " at "
                + status.sha() + " to " + forge.displayName() + " at " + where + ": " + problem
                + "; check the API base URL and that " + where + " is reachable from here";
        return new StatusReportException(ErrorCode.CONNECTION_FAILED, message, cause, forge, status, 0);
    }

    static boolean worthRetrying(int httpStatus) {
        return httpStatus == 408 || httpStatus == 429 || httpStatus >= 500;
    }

    /**
     * What to check after the forge answered {@code httpStatus}.
     *
     * @param permission what the token must be allowed to do, for a 403
     * @param valid      what must hold for a 422
     */
    static String hint(int httpStatus, String permission, String valid) {
        return switch (httpStatus) {
            case 401 -> "check that the token is valid and has not expired";
            case 403 -> "check that the token may " + permission;
            case 404 -> "check the repository name, the API base URL and that the token can see the repository";
            case 422 -> "check " + valid;
            case 408, 429 -> "the forge is busy or rate-limiting; try again later";
            default -> httpStatus >= 500 ? "the forge had a problem; try again later"
                    : "check the API base URL and the token";
        };
    }

    public Forge forge() {
        return forge;
    }

    public String repo() {
        return repo;
    }

    public String sha() {
        return sha;
    }

    /** The forge's HTTP status, or 0 when it did not answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** True when trying again later may work: no answer, 408, 429 or 5xx. */
    public boolean retryable() {
        return httpStatus == 0 || worthRetrying(httpStatus);
    }
}
