package dev.slipway.lint.plan;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the key queries are, and how messages name the file.
 *
 * @param path  the file to read
 * @param shown the name in findings and errors: relative to the working directory when it is below it
 */
public record QueriesFile(Path path, String shown) {

    /** The file named as given, or relative to the working directory when it is below it. */
    public static QueriesFile of(Path path) {
        Path here = Path.of("").toAbsolutePath();
        Path abs = path.toAbsolutePath().normalize();
        return new QueriesFile(path, abs.startsWith(here) ? here.relativize(abs).toString() : path.toString());
    }

    /**
     * @throws SlipwayException {@link ErrorCode#QUERIES_INVALID} when the file is missing, unreadable or malformed
     */
    public List<KeyQuery> read() {
        try {
            return KeyQueries.parse(Files.readString(path, StandardCharsets.UTF_8), shown);
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.QUERIES_INVALID, shown + ": cannot read the key queries ("
                    + (Files.exists(path) ? e.getMessage() : "no such file") + "); pass --queries with the file, "
                    + "or remove lint.queries from slipway.yaml");
        }
    }
}
