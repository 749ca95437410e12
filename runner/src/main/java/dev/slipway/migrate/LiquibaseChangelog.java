package dev.slipway.migrate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Where a Liquibase changelog is: the directory Liquibase resolves paths against ({@code root}) and the
 * changelog's path inside it ({@code file}, which is also the path recorded in DATABASECHANGELOG).
 * Found from the file system alone, without a database.
 */
record LiquibaseChangelog(Path root, String file) {

    /** The names looked for, in this order, when the location is a directory. */
    static final List<String> DEFAULT_NAMES = List.of("changelog.yaml", "changelog.yml", "changelog.xml",
            "db.changelog-master.yaml", "db.changelog-master.xml");

    private static final List<String> FORMATS = List.of(".yaml", ".yml", ".xml", ".sql", ".json");

    /**
     * @param location a changelog file, or a directory holding one of {@link #DEFAULT_NAMES}
     * @throws SlipwayException {@link ErrorCode#LOCATION_INVALID} naming the path and what was looked for
     */
    static LiquibaseChangelog find(Path location) {
        Path path = location.toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            return inDirectory(path);
        }
        if (Files.isRegularFile(path) && isChangelogFormat(path)) {
            return new LiquibaseChangelog(path.getParent(), path.getFileName().toString());
        }
        throw invalid(path, Files.exists(path) ? "is not a changelog (" + String.join(", ", FORMATS) + ")"
                : "does not exist");
    }

    private static LiquibaseChangelog inDirectory(Path dir) {
        return DEFAULT_NAMES.stream().filter(n -> Files.isRegularFile(dir.resolve(n))).findFirst()
                .map(n -> new LiquibaseChangelog(dir, n))
                .orElseThrow(() -> invalid(dir, "is a directory without a changelog (looked for "
                        + String.join(", ", DEFAULT_NAMES) + ")"));
    }

    private static boolean isChangelogFormat(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return FORMATS.stream().anyMatch(name::endsWith);
    }

    private static SlipwayException invalid(Path path, String problem) {
        return new SlipwayException(ErrorCode.LOCATION_INVALID, "Liquibase location " + path + " " + problem
                + "; pass --location with a changelog file (" + String.join(", ", FORMATS)
                + ") or a directory holding " + String.join(" or ", DEFAULT_NAMES));
    }
}
