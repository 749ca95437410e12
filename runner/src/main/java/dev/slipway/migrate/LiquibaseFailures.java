package dev.slipway.migrate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.migrate.backfill.BackfillStopped;
import java.nio.file.Path;
import java.sql.SQLException;
import liquibase.changelog.ChangeSet;
import liquibase.exception.ChangeLogParseException;

/** Turns what Liquibase threw into Slipway's errors, naming the changeset and the changelog. */
final class LiquibaseFailures {

    private LiquibaseFailures() {
    }

    /**
     * A failure of a run: a {@link MigrationFailedException} when the database refused a statement,
     * else a {@link SlipwayException} with Liquibase's reason. A backfill that stopped is that
     * {@link BackfillStopped} itself: not a changeset that broke partway, since its committed batches
     * are its progress, and Liquibase, which recorded nothing, runs it again to resume after them.
     */
    static SlipwayException ofRun(Exception e, LiquibaseRelay relay, LiquibaseChangelog changelog) {
        BackfillStopped backfill = Causes.find(e, BackfillStopped.class);
        if (backfill != null) {
            return backfill;
        }
        SQLException sql = Causes.find(e, SQLException.class);
        if (sql == null || e instanceof SlipwayException) {
            return refused(e, changelog);
        }
        ChangeSet changeSet = relay.current();
        String migration = changeSet == null ? "Liquibase's history tables" : LiquibaseHistory.id(changeSet);
        String script = changeSet == null ? changelog.file() : changeSet.getFilePath();
        boolean transactional = changeSet == null || changeSet.isRunInTransaction();
        if (transactional && relay.committedAt() != null) {
            String commitPoint = LiquibaseCommitPoint.describe(changeSet, changelog.root(), relay.commits(),
                    relay.committedAt());
            return MigrationFailedException.committedPart(migration, script, -1, sql, relay.lastStatement(),
                    commitPoint, e);
        }
        return MigrationFailedException.of(migration, script, -1, sql, relay.lastStatement(), transactional, e);
    }

    /**
     * A changeset that committed part of its work: {@code recorded} says whether Slipway's FAILED row
     * ({@link LiquibaseFailedRows}) now makes the next run refuse, or whether the next run would repeat that part.
     */
    static MigrationFailedException committedPart(MigrationFailedException f, boolean recorded) {
        if (recorded) {
            return f.withDetail(". Slipway recorded it as FAILED in databasechangelog, so the next run is refused until"
                    + " you repair it: check what of it is in the database, finish or undo that work by hand, take the"
                    + " COMMIT out of the changeset (Slipway runs each changeset in a transaction of its own), then"
                    + " delete its FAILED row, or mark it applied as docs/migrate.md says");
        }
        return f.withDetail(". Liquibase records no failed changesets, so the next run runs it again from its first"
                + " statement: before that, check what of it is in the database, undo it by hand or make those"
                + " statements safe to repeat, and take the COMMIT out of the changeset (Slipway runs each changeset"
                + " in a transaction of its own)");
    }

    /** A failure to read the changelog or the history, where nothing was being applied. */
    static SlipwayException refused(Exception e, LiquibaseChangelog changelog) {
        if (e instanceof SlipwayException s) {
            return s;
        }
        Path where = changelog.root().resolve(changelog.file());
        ChangeLogParseException parse = Causes.find(e, ChangeLogParseException.class);
        if (parse != null) {
            return new SlipwayException(ErrorCode.LOCATION_INVALID, "Liquibase cannot parse changelog " + where
                    + ": " + parse.getMessage() + "; fix the changelog and run again", e);
        }
        return new SlipwayException(ErrorCode.MIGRATION_FAILED, "Liquibase refused the run on " + where + ": "
                + e.getMessage(), e);
    }

}
