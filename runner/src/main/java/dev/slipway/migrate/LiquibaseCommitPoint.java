package dev.slipway.migrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.change.core.SQLFileChange;
import liquibase.changelog.ChangeSet;

/**
 * Where in its source a changeset's own COMMIT stands, for messages: {@code COMMIT at changelog.sql:8} in a formatted
 * SQL changelog (the line in the file), {@code COMMIT at line 2 of its sqlFile path/x.sql}, or {@code COMMIT at line 2
 * of its sql change} in YAML, XML or JSON, whose sql text Liquibase does not place on a line of the file. Reads the
 * changelog file; falls back to the statement Liquibase sent ({@code its statement 2, COMMIT}) when it cannot tell.
 */
final class LiquibaseCommitPoint {

    private static final Pattern CHANGESET = Pattern.compile("^\\s*--\\s*changeset\\s+(\\S+)", Pattern.CASE_INSENSITIVE);

    private LiquibaseCommitPoint() {
    }

    /**
     * @param root     the changelog's root directory, which the changeset's file path is relative to
     * @param ordinal  which of the changeset's COMMITs (1-based), as the statements it sent counted them
     * @param sent     the fallback: the statement Liquibase sent, as {@link LiquibaseRelay#committedAt()} says it
     */
    static String describe(ChangeSet changeSet, Path root, int ordinal, String sent) {
        return inFormattedSql(changeSet, root, ordinal).or(() -> inChanges(changeSet, ordinal)).orElse(sent);
    }

    /** In a formatted SQL changelog: the COMMIT's line in the file, between the changeset's header and the next. */
    private static Optional<String> inFormattedSql(ChangeSet changeSet, Path root, int ordinal) {
        String file = changeSet.getFilePath();
        if (file == null || !file.toLowerCase(java.util.Locale.ROOT).endsWith(".sql")) {
            return Optional.empty();
        }
        List<String> lines = read(root.resolve(file)).lines().toList();
        int header = headerLine(lines, changeSet.getAuthor() + ":" + changeSet.getId());
        if (header < 0) {
            return Optional.empty();
        }
        int end = header + 1;
        while (end < lines.size() && !CHANGESET.matcher(lines.get(end)).find()) {
            end++;
        }
        String body = String.join("\n", lines.subList(header + 1, end));
        return ScriptCommits.nth(body, ordinal, header + 2).map(c -> c.text() + " at " + file + ":" + c.line());
    }

    /** The index of the line {@code --changeset author:id} (quotes around either allowed), or -1. */
    static int headerLine(List<String> lines, String authorAndId) {
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = CHANGESET.matcher(lines.get(i));
            if (m.find() && m.group(1).replace("\"", "").equals(authorAndId)) {
                return i;
            }
        }
        return -1;
    }

    /** In the sql and sqlFile changes of a YAML, XML or JSON changeset, counted across them in order. */
    private static Optional<String> inChanges(ChangeSet changeSet, int ordinal) {
        int left = ordinal;
        for (Change change : changeSet.getChanges()) {
            if (change instanceof AbstractSQLChange sql && sql.getSql() != null) {
                Optional<ScriptCommits.CommitPoint> found = ScriptCommits.nth(sql.getSql(), left, 1);
                if (found.isPresent()) {
                    return found.map(c -> c.text() + " at line " + c.line() + " of its " + source(change));
                }
                left -= ScriptCommits.count(sql.getSql());
            }
        }
        return Optional.empty();
    }

    private static String source(Change change) {
        return change instanceof SQLFileChange file ? "sqlFile " + file.getPath() : "sql change";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
