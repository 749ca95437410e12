package dev.slipway.mask.schema;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.mask.catalog.SourceCatalog;
import dev.slipway.mask.golden.TargetFit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema of a plain source, from its catalog, for machines without a suitable {@code pg_dump} (the demo's): tables
 * of built-in types with their defaults, identity and generated columns, sequences, primary keys, unique, check,
 * exclusion and foreign key constraints, and indexes, all owned by the target's user. {@link #requireReproducible}
 * refuses any source holding more than that, naming each object: the copy is exact or it is not made.
 */
public record CatalogSchema(List<Ddl> preData, List<Ddl> postData) {

    /**
     * Everything in the source a catalog copy would not reproduce exactly: any object of a kind it does not create
     * (found generically through {@code pg_depend}), and on the kinds it does create, any property it would lose.
     * {@code ?} is the target's user, whom every object must belong to.
     */
    private static final String BEYOND = """
            WITH ext AS (SELECT objid, classid FROM pg_depend WHERE deptype = 'e'),
            rel AS (SELECT c.*, format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c
                    JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE {schemas} AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_class'::regclass
                      AND ext.objid = c.oid))
            SELECT pg_describe_object(d.classid, d.objid, 0) FROM pg_depend d
              WHERE d.objid >= 16384 AND d.classid NOT IN ('pg_class'::regclass, 'pg_type'::regclass,
                'pg_constraint'::regclass, 'pg_attrdef'::regclass, 'pg_trigger'::regclass)
                AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = d.classid AND ext.objid = d.objid)
                AND d.deptype <> 'e'
            UNION SELECT 'trigger ' || t.tgname || ' on ' || r.name FROM pg_trigger t JOIN rel r ON r.oid = t.tgrelid
              WHERE NOT t.tgisinternal
            UNION SELECT CASE r.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' WHEN 'p'
              THEN 'partitioned table ' WHEN 'f' THEN 'foreign table ' WHEN 'c' THEN 'composite type '
              ELSE 'relation ' END || r.name FROM rel r WHERE r.relkind NOT IN ('r', 'i', 'S', 'I', 't')
            UNION SELECT 'schema ' || quote_ident(n.nspname) FROM pg_namespace n
              WHERE {schemas} AND n.nspname <> 'public'
            UNION SELECT 'type ' || format('%I.%I', n.nspname, t.typname) FROM pg_type t
              JOIN pg_namespace n ON n.oid = t.typnamespace WHERE {schemas} AND t.typrelid = 0 AND t.typelem = 0
              AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = 'pg_type'::regclass AND ext.objid = t.oid)
            UNION SELECT r.name || ': ' || x.what FROM rel r CROSS JOIN LATERAL (VALUES
                (r.relispartition OR EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = r.oid), 'inheritance'),
                (r.relpersistence <> 'p', 'unlogged'),
                (r.reloptions IS NOT NULL, 'storage parameters'),
                (r.relacl IS NOT NULL, 'privileges'),
                (r.relrowsecurity OR r.relforcerowsecurity, 'row-level security'),
                (r.relkind = 'r' AND r.relreplident <> 'd', 'replica identity'),
                (r.reltablespace <> 0, 'tablespace'),
                (r.relkind IN ('r', 'i') AND r.relam NOT IN (SELECT oid FROM pg_am WHERE amname IN ('heap', 'btree',
                  'hash', 'gist', 'gin', 'spgist', 'brin')), 'access method'),
                (r.relkind <> 'i' AND pg_get_userbyid(r.relowner) <> ?, 'owner ' || pg_get_userbyid(r.relowner)),
                (EXISTS (SELECT 1 FROM pg_description d WHERE d.classoid = 'pg_class'::regclass AND d.objoid = r.oid),
                  'comments'),
                (EXISTS (SELECT 1 FROM pg_seclabel l WHERE l.classoid = 'pg_class'::regclass AND l.objoid = r.oid),
                  'security labels'),
                (EXISTS (SELECT 1 FROM pg_statistic_ext s WHERE s.stxrelid = r.oid), 'extended statistics')
              ) x(lost, what) WHERE x.lost AND r.relkind IN ('r', 'i', 'S')
            UNION SELECT format('column %s.%I: %s', r.name, a.attname, x.what) FROM rel r
              JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
              JOIN pg_type t ON t.oid = a.atttypid
              CROSS JOIN LATERAL (VALUES
                (t.typnamespace <> 'pg_catalog'::regnamespace, 'type ' || format_type(a.atttypid, a.atttypmod)),
                (a.attcollation <> t.typcollation, 'collation'),
                (a.attoptions IS NOT NULL, 'options'),
                (a.attacl IS NOT NULL, 'privileges'),
                (coalesce(a.attstattarget, -1) <> -1, 'statistics target'),
                (a.attstorage <> t.typstorage, 'storage'),
                (coalesce(to_jsonb(a) ->> 'attcompression', '') <> '', 'compression')
              ) x(lost, what) WHERE x.lost AND r.relkind = 'r'
            UNION SELECT 'comment on ' || pg_describe_object(d.classoid, d.objoid, d.objsubid) FROM pg_description d
              WHERE d.objoid >= 16384 AND d.classoid <> 'pg_class'::regclass
                AND NOT EXISTS (SELECT 1 FROM ext WHERE ext.classid = d.classoid AND ext.objid = d.objoid)
            UNION SELECT 'publication ' || quote_ident(pubname) FROM pg_publication
            UNION SELECT 'event trigger ' || quote_ident(evtname) FROM pg_event_trigger
            UNION SELECT 'default privileges of ' || pg_get_userbyid(defaclrole) FROM pg_default_acl
            ORDER BY 1
            """.replace("{schemas}", SourceCatalog.USER_SCHEMAS);

    /** The public schema's owner, privileges and comment, which the target's must match. */
    private static final String PUBLIC = "SELECT concat_ws(' ', pg_get_userbyid(nspowner), nspacl::text, "
            + "obj_description(oid, 'pg_namespace')) FROM pg_namespace WHERE nspname = 'public'";

    /** Standalone sequences (an identity column's comes with its table; a serial's is owned after the tables). */
    private static final String SEQUENCES = "SELECT format('CREATE SEQUENCE %I.%I AS %s INCREMENT BY %s MINVALUE %s "
            + "MAXVALUE %s START WITH %s CACHE %s%s', n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqincrement, "
            + "s.seqmin, s.seqmax, s.seqstart, s.seqcache, CASE WHEN s.seqcycle THEN ' CYCLE' ELSE '' END), "
            + "format('sequence %I.%I', n.nspname, c.relname) "
            + "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE " + SourceCatalog.USER_SCHEMAS + " AND " + SourceCatalog.NOT_EXTENSION_MEMBER.formatted("pg_class",
            "c.oid") + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass "
            + "AND d.objid = c.oid AND d.deptype = 'i') ORDER BY 1";

    /**
     * Refuses a source the catalog copy cannot reproduce exactly, naming every such object.
     *
     * @param why        why pg_dump is not used (none found, or turned off), for the message
     * @param targetUser the user the target's objects will belong to
     * @throws SlipwayException {@link ErrorCode#MASK_TARGET_REFUSED}
     */
    static void requireReproducible(Connection source, Connection target, String why, String targetUser)
            throws SQLException {
        List<String> beyond = new ArrayList<>();
        if (!TargetFit.strings(source, PUBLIC).equals(TargetFit.strings(target, PUBLIC))) {
            beyond.add("schema public: its owner, privileges or comment differ from the target's");
        }
        try (PreparedStatement ps = source.prepareStatement(BEYOND)) {
            ps.setString(1, targetUser);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    beyond.add(rs.getString(1));
                }
            }
        }
        if (!beyond.isEmpty()) {
            throw new SlipwayException(ErrorCode.MASK_TARGET_REFUSED, why + ", so the schema would be copied from the "
                    + "catalog, which reproduces only tables of built-in types, their sequences, constraints and indexes, "
                    + "owned by " + targetUser + "; the source holds " + beyond.size() + " thing"
                    + (beyond.size() == 1 ? "" : "s") + " it would lose:\n  " + String.join("\n  ", beyond)
                    + "\nInstall PostgreSQL's client programs not older than the source (Debian: postgresql-client-N) "
                    + "or point --pg-bin at them; the target was not changed");
        }
    }

    /** Reads the schema through {@code c}, whose {@code search_path} must be empty. */
    static CatalogSchema read(Connection c) throws SQLException {
        List<Ddl> pre = new ArrayList<>();
        PostData.addAll(c, SEQUENCES, pre);
        pre.addAll(TableDdl.tables(c));
        return new CatalogSchema(List.copyOf(pre), PostData.read(c));
    }
}
