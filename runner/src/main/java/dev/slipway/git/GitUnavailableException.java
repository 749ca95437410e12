package dev.slipway.git;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;

/**
 * The watched repository could not be read: unreachable, refused the credentials, timed out, or needs a
 * transport Slipway does not have. The message names the redacted URL, the cause in one line and what to check;
 * it never holds the token. A poller may retry: the mirror keeps what it fetched before.
 */
public final class GitUnavailableException extends SlipwayException {

    private static final long serialVersionUID = 1L;

    private final String redactedUrl;

    public GitUnavailableException(String redactedUrl, String message, Throwable cause) {
        super(ErrorCode.GIT_UNAVAILABLE, message, cause);
        this.redactedUrl = redactedUrl;
    }

    /** The repository URL with its userinfo replaced by {@code ***}. */
    public String redactedUrl() {
        return redactedUrl;
    }
}
