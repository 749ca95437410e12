package dev.slipway;

import java.util.Objects;

/**
 * The one unchecked exception Slipway throws. Its message names the subject, what was expected and
 * what to do; it never contains a password, token or masking key.
 */
public class SlipwayException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public SlipwayException(ErrorCode code, String message) {
        this(code, message, null);
    }

    public SlipwayException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public ErrorCode code() {
        return code;
    }

    public int exitCode() {
        return code.exitCode();
    }
}
