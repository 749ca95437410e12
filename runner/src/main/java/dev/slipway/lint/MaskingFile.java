package dev.slipway.lint;

import java.nio.file.Path;

/**
 * Where the masking rules that {@code masking-coverage} checks against are, and how findings and errors name them.
 *
 * @param path  the file to read
 * @param shown the name in messages: as the user knows it ({@code migrations/masking.yaml}), not a temporary copy
 */
public record MaskingFile(Path path, String shown) {

    /** The file named as given, or relative to the working directory when it is below it. */
    public static MaskingFile of(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath().normalize();
        return new MaskingFile(path, path.isAbsolute() && abs.startsWith(here) ? here.relativize(abs).toString()
                : path.toString());
    }
}
