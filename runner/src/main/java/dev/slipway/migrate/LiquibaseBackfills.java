package dev.slipway.migrate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.migrate.backfill.BackfillScript;
import dev.slipway.migrate.backfill.BackfillSettings;
import java.util.ArrayList;
import java.util.List;
import liquibase.change.AbstractSQLChange;
import liquibase.change.Change;
import liquibase.changelog.ChangeSet;

/**
 * The changesets of a Liquibase changelog that declare a backfill: one {@code sql} (or {@code sqlFile}) change whose
 * first line is {@code -- slipway:backfill [settings]}, followed by one UPDATE. Each is read with {@link BackfillScript#require},
 * and checked for what running it in batches needs of the changeset; what does not fit is refused, naming the
 * changeset and what to write instead. Decides only: no I/O, nothing is changed.
 */
final class LiquibaseBackfills {

    /** A changeset that declares a backfill, its {@code sql} or {@code sqlFile} change, and the backfill that change reads as. */
    record Declared(ChangeSet changeSet, AbstractSQLChange change, BackfillScript script) {

        /** The key of its progress in {@code slipway.backfill}: {@code path::id::author}, as the history names it. */
        String migration() {
            return LiquibaseHistory.id(changeSet);
        }
    }

    private LiquibaseBackfills() {
    }

    /**
     * @param mayRun the changesets Liquibase may run now (not yet applied, or run again when changed or always)
     * @throws SlipwayException {@link ErrorCode#USAGE} for the first that declares a backfill Slipway cannot run
     */
    static List<Declared> find(List<ChangeSet> mayRun, BackfillSettings defaults) {
        List<Declared> found = new ArrayList<>();
        for (ChangeSet changeSet : mayRun) {
            AbstractSQLChange marked = marked(changeSet);
            if (marked != null) {
                found.add(declared(changeSet, marked, defaults));
            }
        }
        return found;
    }

    /** Whether any of {@code changeSets} declares a backfill, well or not. */
    static boolean anyDeclared(List<ChangeSet> changeSets) {
        return changeSets.stream().anyMatch(cs -> marked(cs) != null);
    }

    /** The changeset's first {@code sql} or {@code sqlFile} change that declares a backfill, or {@code null}. */
    private static AbstractSQLChange marked(ChangeSet changeSet) {
        for (Change change : changeSet.getChanges()) {
            if (change instanceof AbstractSQLChange sql && sql.getSql() != null && BackfillScript.declares(sql.getSql())) {
                return sql;
            }
        }
        return null;
    }

    private static Declared declared(ChangeSet changeSet, AbstractSQLChange change, BackfillSettings defaults) {
        String subject = "changeset " + LiquibaseHistory.id(changeSet);
        String problem = problem(changeSet);
        if (problem != null) {
            throw new SlipwayException(ErrorCode.USAGE, subject + " declares a backfill (" + BackfillSettings.MARKER
                    + ") but " + problem);
        }
        return new Declared(changeSet, change, BackfillScript.require(subject, change.getSql(), defaults));
    }

    /** What keeps the changeset from running as a backfill, with what to write instead; {@code null} if nothing. */
    private static String problem(ChangeSet changeSet) {
        if (changeSet.getChanges().size() > 1) {
            return "holds " + changeSet.getChanges().size() + " changes. A backfill changeset holds its one sql change"
                    + " and nothing else: move the other changes into changesets of their own";
        }
        if (changeSet.isRunInTransaction()) {
            return "runs in a transaction, and a backfill commits each batch on its own: add runInTransaction: false"
                    + " to the changeset (runInTransaction=\"false\" in XML, runInTransaction:false on its --changeset"
                    + " line in formatted SQL)";
        }
        if (changeSet.isAlwaysRun() || changeSet.isRunOnChange()) {
            return "says " + (changeSet.isAlwaysRun() ? "runAlways" : "runOnChange") + ", so Liquibase would run it"
                    + " again; a backfill runs once: take that attribute out";
        }
        if (Boolean.FALSE.equals(changeSet.getFailOnError())) {
            return "says failOnError: false, so Liquibase would record a backfill that stopped as run, and it would"
                    + " never resume: take failOnError out";
        }
        if (changeSet.getRunWith() != null && !"jdbc".equalsIgnoreCase(changeSet.getRunWith())) {
            return "says runWith: " + changeSet.getRunWith() + ", and Slipway runs backfills over JDBC itself: take"
                    + " runWith out";
        }
        return null;
    }
}
