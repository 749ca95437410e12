package dev.slipway.migrate;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Decides, from the status alone, whether a forward-only run may go ahead. Pure: no I/O.
 * Refuses edited applied migrations (with both checksums), applied migrations missing from the
 * location, failed entries left in the history, and out-of-order migrations unless allowed.
 */
public final class HistoryCheck {

    /** How to repair a changeset Slipway recorded as FAILED ({@link LiquibaseFailedRows}). */
    private static final String LIQUIBASE_REPAIR = "check what of it is in the database and take the COMMIT out of"
            + " the changeset (Slipway runs each changeset in a transaction of its own); then either undo by hand what"
            + " it committed and delete its row (DELETE FROM databasechangelog WHERE exectype = 'FAILED' AND <its row>),"
            + " so the next run applies it, or finish its work by hand and mark it applied, as Liquibase's"
            + " changelog-sync would (UPDATE databasechangelog SET exectype = 'EXECUTED', md5sum = NULL WHERE"
            + " exectype = 'FAILED' AND <its row>; Liquibase stores the edited changeset's checksum on the next run)";

    private HistoryCheck() {
    }

    /**
     * @throws SlipwayException naming every offending migration, with the code of the first kind found
     */
    public static void verify(MigrationStatus status, boolean outOfOrderAllowed) {
        refuse(status.in(MigrationState.CHECKSUM_DRIFT), ErrorCode.CHECKSUM_DRIFT,
                "Applied migrations were edited since they ran",
                e -> e.displayName() + ": stored checksum " + e.stored() + ", current checksum " + e.current(),
                "Slipway is forward-only: restore the applied files as they were and put the change in a new migration");
        refuse(status.in(MigrationState.MISSING), ErrorCode.MISSING_MIGRATION,
                "Applied migrations are missing from the location",
                e -> e.displayName() + " (" + e.id() + ", applied " + e.appliedAt() + ")",
                "restore the files, or check that --location points at the right directory or changelog");
        if (status.engine() == EngineKind.LIQUIBASE) {
            refuse(status.in(MigrationState.FAILED), ErrorCode.FAILED_MIGRATION_IN_HISTORY,
                    "Slipway recorded changesets as FAILED in databasechangelog",
                    e -> e.displayName() + ": " + e.description(), LIQUIBASE_REPAIR);
        }
        refuse(status.in(MigrationState.FAILED), ErrorCode.FAILED_MIGRATION_IN_HISTORY,
                "The history records failed migrations",
                e -> e.displayName() + " (" + e.id() + ")",
                "a migration that ran outside a transaction, or committed part of its work itself, broke "
                        + "partway: inspect the database, finish or undo its work by hand, then delete its failed row "
                        + "from the history table");
        if (!outOfOrderAllowed) {
            refuse(status.in(MigrationState.OUT_OF_ORDER), ErrorCode.OUT_OF_ORDER,
                    "Pending migrations are older than the newest applied one",
                    e -> e.displayName() + " (" + e.id() + ")",
                    "renumber them after the newest applied migration, or set outOfOrder: true in slipway.yaml");
        }
    }

    private static void refuse(List<MigrationEntry> offenders, ErrorCode code, String what,
                               java.util.function.Function<MigrationEntry, String> line, String todo) {
        if (offenders.isEmpty()) {
            return;
        }
        String list = offenders.stream().map(line).collect(Collectors.joining("\n  - ", "\n  - ", "\n"));
        throw new SlipwayException(code, what + " (" + offenders.size() + "):" + list + "To go on: " + todo + ".");
    }
}
