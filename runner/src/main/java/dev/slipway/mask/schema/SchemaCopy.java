package dev.slipway.mask.schema;

import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.mask.MaskRequest;
import dev.slipway.mask.golden.TargetFit;
import dev.slipway.mask.rules.MaskPlan.TablePlan;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the target gets the source's schema around the masked rows: by PostgreSQL's own {@code pg_dump} and
 * {@code pg_restore} ({@link Dumped}: every object, as they order it), or, with no suitable pg_dump, from the catalog
 * for a plain schema only ({@link Catalog}, which refuses any other). Both are read before the target changes.
 */
public interface SchemaCopy extends AutoCloseable {

    /** What {@link #how} says of the catalog copy. */
    String CATALOG = "catalog";

    /** How the schema is copied: {@code pg_dump (PostgreSQL) 15.18 (/usr/lib/postgresql/15/bin)}, or {@value #CATALOG}. */
    String how();

    /** The roles that own what {@link #preData} and {@link #postData} create. */
    Set<String> owners();

    /** Creates what must exist before the rows. */
    void preData(Connection target) throws SQLException;

    /** Creates what follows the rows, on up to {@code jobs} connections. */
    void postData(Connection target, int jobs) throws SQLException;

    @Override
    void close();

    /**
     * The schema copy of {@code source} (in its exported {@code snapshot}): by pg_dump when {@code pgBin} or the machine
     * has one not older than the source, else from the catalog when the source is plain enough.
     *
     * @throws SlipwayException {@link dev.slipway.ErrorCode#MASK_TARGET_REFUSED} when neither can copy it exactly,
     *                          {@link dev.slipway.ErrorCode#MASK_FAILED} when pg_dump fails
     */
    static SchemaCopy prepare(MaskRequest request, Connection source, Connection target, String snapshot,
                              int sourceMajor, List<TablePlan> tables) throws SQLException {
        Map<String, String> env = System.getenv();
        String configured = request.pgBin() != null ? request.pgBin() : env.get(PgClient.ENV);
        Optional<PgClient> client = PgClient.find(configured, env, sourceMajor);
        if (client.isPresent()) {
            SchemaArchive archive = SchemaArchive.dump(client.get(), request.source(), snapshot, env);
            return new Dumped(client.get(), archive, request.target(), uniqueKeys(source));
        }
        String targetUser = TargetFit.strings(target, "SELECT current_user::text").get(0);
        String why = PgClient.NONE.equalsIgnoreCase(String.valueOf(configured).strip()) ? "pg_dump is turned off "
                + "(--pg-bin none)" : "no pg_dump of PostgreSQL " + sourceMajor + " or newer was found (looked on PATH, "
                + "in " + PgClient.DEBIAN_ROOT + "/*/bin and in SLIPWAY_PG_BIN / --pg-bin)";
        CatalogSchema.requireReproducible(source, target, why, targetUser);
        return new Catalog(CatalogSchema.read(source), request.target(), targetUser, tables);
    }

    private static List<Ddl> uniqueKeys(Connection source) throws SQLException {
        return PostData.constraints(source).stream().filter(Ddl::unique).toList();
    }

    /** The schema by pg_dump, restored by pg_restore. */
    final class Dumped implements SchemaCopy {
        private final PgClient client;
        private final SchemaArchive archive;
        private final ConnectionSpec target;
        private final List<Ddl> uniqueKeys;

        Dumped(PgClient client, SchemaArchive archive, ConnectionSpec target, List<Ddl> uniqueKeys) {
            this.client = client;
            this.archive = archive;
            this.target = target;
            this.uniqueKeys = uniqueKeys;
        }

        @Override
        public String how() {
            return client.version() + " (" + client.bin() + ")";
        }

        @Override
        public Set<String> owners() {
            return archive.owners();
        }

        @Override
        public void preData(Connection c) throws SQLException {
            archive.restorePreData(target, c.getMetaData().getDatabaseMajorVersion());
        }

        /** A failure that masked values explain (a unique index over values that now collide) says so. */
        @Override
        public void postData(Connection c, int jobs) throws SQLException {
            try {
                archive.restorePostData(target, c.getMetaData().getDatabaseMajorVersion(), jobs);
            } catch (SlipwayException e) {
                for (Ddl key : uniqueKeys) {
                    SlipwayException collision = PostPhase.collision(c, key, e);
                    if (collision != null) {
                        throw collision;
                    }
                }
                throw e;
            }
        }

        @Override
        public void close() {
            archive.close();
        }
    }

    /** A plain schema from the catalog, by Slipway's statements. */
    final class Catalog implements SchemaCopy {
        private final CatalogSchema schema;
        private final ConnectionSpec target;
        private final String owner;
        private final List<TablePlan> tables;

        /** {@code tables}: those copied, largest first; their indexes are built in that order. */
        Catalog(CatalogSchema schema, ConnectionSpec target, String owner, List<TablePlan> tables) {
            this.schema = schema;
            this.target = target;
            this.owner = owner;
            this.tables = tables;
        }

        @Override
        public String how() {
            return CATALOG;
        }

        @Override
        public Set<String> owners() {
            return Set.of(owner);
        }

        @Override
        public void preData(Connection c) throws SQLException {
            SchemaApplier.preData(c, schema.preData());
        }

        @Override
        public void postData(Connection c, int jobs) throws SQLException {
            PostPhase.run(c, target, PostPlan.of(schema.postData(), tables), jobs);
        }

        @Override
        public void close() {
            // nothing held
        }
    }
}
