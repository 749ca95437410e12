package dev.slipway.mask.transform;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the masking secret comes from: an environment variable (default {@value #DEFAULT_ENV}) or a file.
 * The run refuses to start without one; messages name the variable or file, never the value.
 */
public final class MaskSecret {

    public static final String DEFAULT_ENV = "SLIPWAY_MASK_SECRET";

    /** Shorter secrets are refused: the HMAC is only as strong as its key. */
    static final int MIN_LENGTH = 16;

    private MaskSecret() {
    }

    /**
     * The keyring of the secret in {@code file} (surrounding whitespace trimmed) when given, else in
     * environment variable {@code variable} (default {@value #DEFAULT_ENV}).
     *
     * @throws SlipwayException {@link ErrorCode#SECRET_MISSING} when it is not set, empty or too short
     */
    public static Keyring load(Map<String, String> env, String variable, Path file) {
        if (file != null) {
            return check(readFile(file), "the file " + file + " (--secret-file)");
        }
        String name = variable == null ? DEFAULT_ENV : variable;
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new SlipwayException(ErrorCode.SECRET_MISSING, "the masking secret is missing: environment variable "
                    + name + " is not set. Masking is keyed by a secret so that masked values cannot be reversed by "
                    + "guessing; export " + name + " (at least " + MIN_LENGTH + " characters, e.g. from "
                    + "'openssl rand -hex 32'), or pass --secret-env VAR or --secret-file FILE");
        }
        return check(value, "environment variable " + name);
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.SECRET_MISSING, "cannot read the masking secret from " + file
                    + " (--secret-file): " + e.getClass().getSimpleName() + "; check the path and its permissions");
        }
    }

    private static Keyring check(String secret, String where) {
        if (secret.length() < MIN_LENGTH) {
            throw new SlipwayException(ErrorCode.SECRET_MISSING, "the masking secret in " + where + " is shorter than "
                    + MIN_LENGTH + " characters; use a long random one, e.g. from 'openssl rand -hex 32'");
        }
        return Keyring.of(secret.getBytes(StandardCharsets.UTF_8));
    }
}
