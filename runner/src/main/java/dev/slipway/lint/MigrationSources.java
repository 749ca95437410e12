package dev.slipway.lint;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.lint.LintMigration.UnlintableException;
import dev.slipway.migrate.EngineKind;
import dev.slipway.migrate.LiquibaseSql.ChangeSetSql;
import dev.slipway.migrate.LiquibaseSql;
import dev.slipway.migrate.backfill.BackfillScript;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Finds the migrations of a location, in the order the engine applies them, as {@link LintMigration}s:
 * Flyway's SQL files as they are, Liquibase's changesets as the SQL Liquibase generates for them.
 */
public final class MigrationSources {

    private final Path workingDirectory;
    private final long maxFileBytes;

    public MigrationSources(Path workingDirectory, long maxFileBytes) {
        this.workingDirectory = workingDirectory.toAbsolutePath().normalize();
        this.maxFileBytes = maxFileBytes;
    }

    /**
     * @param include which migrations to keep, by the name {@code slipway status} gives them
     *                (Flyway: the script relative to the location; Liquibase: {@code path::id::author})
     * @throws SlipwayException {@link ErrorCode#LOCATION_INVALID} when the location holds no migrations at all
     */
    public List<LintMigration> find(EngineKind engine, Path location, Predicate<String> include) {
        return all(engine, location).stream().filter(n -> include.test(n.statusId())).map(Named::migration).toList();
    }

    /**
     * Every migration of the location with the name {@code slipway status} gives it, in the engine's order.
     *
     * @throws SlipwayException {@link ErrorCode#LOCATION_INVALID} when the location holds no migrations at all
     */
    public List<Named> all(EngineKind engine, Path location) {
        List<Named> all = engine == EngineKind.FLYWAY ? flyway(location) : liquibase(location);
        if (all.isEmpty()) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "no migrations in " + location + ": expected "
                    + (engine == EngineKind.FLYWAY ? "Flyway SQL files named V<version>__<description>.sql (or R__…)"
                    : "a changelog with changesets") + "; check --location");
        }
        return all;
    }

    /** A migration and the name {@code slipway status} gives it. */
    public record Named(String statusId, LintMigration migration) {
    }

    private List<Named> flyway(Path location) {
        Path dir = location.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "Flyway location " + dir + (Files.exists(dir)
                    ? " is a file" : " does not exist") + "; pass --location with the directory holding V<version>__*.sql");
        }
        List<FlywayScript> scripts;
        try (Stream<Path> files = Files.walk(dir)) {
            scripts = files.filter(Files::isRegularFile).map(p -> FlywayScript.of(dir, p)).filter(s -> s != null)
                    .sorted().toList();
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "cannot list " + dir + ": " + e.getMessage(), e);
        }
        return scripts.stream().map(s -> new Named(s.relative(), new LintMigration(s.relative(), display(s.path()), null,
                transactionConfig(s.path()), () -> read(s.path())))).toList();
    }

    /** Flyway's script configuration file ({@code V1__x.sql.conf}): its {@code executeInTransaction}, if set. */
    private static Boolean transactionConfig(Path script) {
        Path conf = script.resolveSibling(script.getFileName() + ".conf");
        if (!Files.isRegularFile(conf)) {
            return null;
        }
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(conf)) {
            p.load(in);
        } catch (IOException e) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "cannot read script config " + conf + ": " + e.getMessage(), e);
        }
        String value = p.getProperty("executeInTransaction");
        return value == null ? null : Boolean.valueOf(value.trim());
    }

    private String read(Path file) {
        try {
            long size = Files.size(file);
            if (size > maxFileBytes) {
                throw new UnlintableException(display(file) + " is " + size / 1024 / 1024 + " MB, more than the "
                        + maxFileBytes / 1024 / 1024 + " MB the linter reads (lint.maxFileSize in slipway.yaml); "
                        + "it was not read");
            }
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < bytes.length; i++) {
                if (bytes[i] == 0) {
                    throw new UnlintableException(display(file) + " is a binary file (a NUL byte at offset " + i
                            + "), not SQL text");
                }
            }
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UnlintableException(display(file) + " is not UTF-8 text; save it as UTF-8");
        } catch (IOException e) {
            throw new UnlintableException("cannot read " + display(file) + ": " + e.getMessage());
        }
    }

    private List<Named> liquibase(Path location) {
        List<Named> all = new ArrayList<>();
        for (ChangeSetSql c : LiquibaseSql.generate(location)) {
            String sql = script(c);
            String name = c.changeSetId() + "::" + c.id().substring(c.id().lastIndexOf("::") + 2);
            all.add(new Named(c.id(), new LintMigration(name, display(c.file()), ChangeSetLines.find(c.file(), c.changeSetId()),
                    c.runInTransaction(), () -> {
                        if (c.problem() != null) {
                            throw new UnlintableException("changeset " + c.changeSetId() + ": " + c.problem());
                        }
                        return sql;
                    })));
        }
        return all;
    }

    /**
     * The changeset's statements as one script; its comment goes first so a slipway:allow there applies to all, but
     * after a {@code -- slipway:backfill} line, which must stay first for the changeset to read as the backfill it is.
     */
    private static String script(ChangeSetSql c) {
        StringBuilder b = new StringBuilder();
        for (String statement : c.statements()) {
            if (c.comment() == null || c.comment().isBlank()) {
                b.append(statement).append(";\n");
                continue;
            }
            String comment = "/* " + c.comment().replace("*/", "* /") + " */\n";
            int eol = statement.indexOf('\n');
            if (BackfillScript.declares(statement) && eol >= 0) {
                b.append(statement, 0, eol + 1).append(comment).append(statement.substring(eol + 1)).append(";\n");
            } else {
                b.append(comment).append(statement).append(";\n");
            }
        }
        return b.toString();
    }

    private String display(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(workingDirectory) ? workingDirectory.relativize(abs).toString() : abs.toString();
    }
}
