package dev.slipway.migrate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import liquibase.Scope;
import liquibase.change.Change;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.OfflineConnection;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;
import liquibase.sql.Sql;
import liquibase.sqlgenerator.SqlGeneratorFactory;
import liquibase.statement.SqlStatement;

/**
 * The SQL Liquibase's {@code update} would run for each changeset of a changelog, generated offline
 * for PostgreSQL with the same generators {@code update} uses, without a database connection.
 */
public final class LiquibaseSql {

    /**
     * One changeset and its SQL.
     *
     * @param id               {@code path::id::author}, as the history and {@code slipway status} name it
     * @param file             the changelog file that holds it
     * @param changeSetId      the changeset's id attribute
     * @param runInTransaction the changeset's runInTransaction
     * @param comment          the changeset's comment, or {@code null}
     * @param statements       the statements, in order, without delimiters
     * @param problem          why some SQL could not be generated offline, or {@code null}
     */
    public record ChangeSetSql(String id, Path file, String changeSetId, boolean runInTransaction, String comment,
                               List<String> statements, String problem) {
    }

    private LiquibaseSql() {
    }

    /** @throws SlipwayException {@link ErrorCode#LOCATION_INVALID} when the changelog cannot be found or parsed */
    public static List<ChangeSetSql> generate(Path location) {
        LiquibaseChangelog changelog = LiquibaseChangelog.find(location);
        try (ResourceAccessor files = new DirectoryResourceAccessor(changelog.root())) {
            Map<String, Object> scope = Map.of(Scope.Attr.resourceAccessor.name(), files,
                    "liquibase.analytics.enabled", Boolean.FALSE, "liquibase.showBanner", Boolean.FALSE);
            return Scope.child(scope, () -> generate(changelog, files));
        } catch (SlipwayException e) {
            throw e;
        } catch (Exception e) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "cannot read Liquibase changelog "
                    + changelog.root().resolve(changelog.file()) + ": " + Causes.rootMessage(e)
                    + "; fix the changelog (slipway migrate would fail on it too)", e);
        }
    }

    private static List<ChangeSetSql> generate(LiquibaseChangelog changelog, ResourceAccessor files) throws Exception {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(
                new OfflineConnection("offline:postgresql?outputLiquibaseSql=none", files));
        DatabaseChangeLog log = ChangeLogParserFactory.getInstance().getParser(changelog.file(), files)
                .parse(changelog.file(), new ChangeLogParameters(database), files);
        List<ChangeSetSql> result = new ArrayList<>();
        for (ChangeSet changeSet : log.getChangeSets()) {
            result.add(sqlOf(changelog, changeSet, database));
        }
        return result;
    }

    private static ChangeSetSql sqlOf(LiquibaseChangelog changelog, ChangeSet changeSet, Database database) {
        List<String> statements = new ArrayList<>();
        String problem = null;
        for (Change change : changeSet.getChanges()) {
            try {
                for (SqlStatement statement : change.generateStatements(database)) {
                    for (Sql sql : SqlGeneratorFactory.getInstance().generateSql(statement, database)) {
                        statements.add(sql.toSql());
                    }
                }
            } catch (RuntimeException e) {
                problem = "the SQL of its " + change.getClass().getSimpleName().replace("Change", "")
                        + " change cannot be generated without a database: " + Causes.rootMessage(e);
            }
        }
        String path = changeSet.getFilePath();
        return new ChangeSetSql(changeSet.getStoredFilePath() + "::" + changeSet.getId() + "::" + changeSet.getAuthor(),
                changelog.root().resolve(path), changeSet.getId(), changeSet.isRunInTransaction(),
                changeSet.getComments(), statements, problem);
    }
}
