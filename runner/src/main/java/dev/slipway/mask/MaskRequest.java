package dev.slipway.mask;

import dev.slipway.db.ConnectionSpec;
import dev.slipway.mask.transform.Keyring;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What {@link MaskStep} is asked to do.
 *
 * @param keys  the masking keyring ({@link MaskSecret}); may be {@code null} only when {@code check} is set
 * @param jobs  copy jobs, each a reader and a writer sharing the tables; also connections for indexes (1 to 32)
 * @param check report coverage only: no connection to the target, nothing copied
 * @param createMissingRoles create, {@code NOLOGIN}, the roles that own, are granted or are named by policies of the
 *                           source's objects and that the target server lacks, instead of refusing it
 * @param pgBin the directory of pg_dump and pg_restore ({@code --pg-bin}); {@code null} to look on the machine,
 *              {@value PgClient#NONE} for the catalog copy of a plain schema
 * @param withoutLargeObjects copy a source that holds large objects, leaving them behind, instead of refusing it
 * @param keyQueries keep the source's top statements of pg_stat_statements in the golden as key queries
 *                   ({@code --key-queries N}); 0: none
 */
public record MaskRequest(ConnectionSpec source, ConnectionSpec target, Path rules, Keyring keys, int jobs,
                          boolean check, boolean createMissingRoles, String pgBin, boolean withoutLargeObjects,
                          int keyQueries) {

    public MaskRequest {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rules, "rules");
        if (jobs < 1 || jobs > 32) {
            throw new IllegalArgumentException("--jobs must be between 1 and 32, found " + jobs);
        }
    }

    /** A request that refuses a target server lacking a role, finds pg_dump on the machine, refuses large objects. */
    public MaskRequest(ConnectionSpec source, ConnectionSpec target, Path rules, Keyring keys, int jobs, boolean check) {
        this(source, target, rules, keys, jobs, check, false, null, false, 0);
    }

    /** A request that captures no key queries. */
    public MaskRequest(ConnectionSpec source, ConnectionSpec target, Path rules, Keyring keys, int jobs, boolean check,
                       boolean createMissingRoles, String pgBin, boolean withoutLargeObjects) {
        this(source, target, rules, keys, jobs, check, createMissingRoles, pgBin, withoutLargeObjects, 0);
    }
}
