package dev.slipway.lint;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.util.Locale;

/** How bad a finding is. Only {@link #ERROR} findings fail {@code slipway lint} (exit code 1). */
public enum Severity {
    ERROR, WARNING, INFO;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param text {@code error}, {@code warning} or {@code info}, any case
     * @param subject what the text configures, for the error message
     */
    public static Severity parse(String text, String subject) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, subject + ": '" + text
                    + "' is not a severity; use error, warning, info or off");
        }
    }
}
