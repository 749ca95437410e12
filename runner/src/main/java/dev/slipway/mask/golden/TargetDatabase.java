package dev.slipway.mask.golden;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.mask.catalog.SourceCatalog;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The database a masked copy goes into. Slipway writes only into an empty database or one it masked
 * before (it carries {@code slipway.golden}); a rerun drops everything the previous run created, so the
 * target starts clean. Slipway's own {@code slipway} schema is kept.
 */
public final class TargetDatabase {

    private static final String OBJECTS = "SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'c') AND "
            + SourceCatalog.USER_SCHEMAS + " UNION ALL SELECT format('%I.%I()', n.nspname, p.proname) FROM pg_proc p "
            + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE " + SourceCatalog.USER_SCHEMAS + " LIMIT 6";

    /**
     * Drops what a previous run created, whatever pg_dump brought: event triggers first (they would fire on the drops),
     * publications, every schema but {@code public} and Slipway's, extensions, then each kind of object in
     * {@code public}, user-defined casts and languages, and default privileges (back to the built-in ones). Relations
     * owned by another (identity and serial sequences: a whole-relation {@code i}/{@code a} dependency) go with their
     * owner. Column dependencies do not count: PostgreSQL 13 records a generated column's use of other columns as an
     * auto dependency of the table itself ({@code objsubid} = the column), later versions on {@code pg_attrdef}.
     */
    private static final String CLEAN = """
            DO $$
            DECLARE r record;
            BEGIN
              FOR r IN SELECT format('DROP EVENT TRIGGER %I', evtname) AS s FROM pg_event_trigger LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP PUBLICATION %I', pubname) AS s FROM pg_publication LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP SCHEMA %I CASCADE', n.nspname) AS s FROM pg_namespace n
                       WHERE {schemas} AND n.nspname <> 'public' LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP EXTENSION IF EXISTS %I CASCADE', extname) AS s FROM pg_extension
                       WHERE extname <> 'plpgsql' LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP %s IF EXISTS public.%I CASCADE', CASE relkind WHEN 'v' THEN 'VIEW'
                         WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE'
                         ELSE 'TABLE' END, relname) AS s FROM pg_class
                       WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                         AND NOT relispartition AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = pg_class.oid
                           AND d.classid = 'pg_class'::regclass AND d.objsubid = 0 AND d.deptype IN ('i', 'a'))
                       ORDER BY relkind = 'S' LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP %s IF EXISTS public.%I(%s) CASCADE', CASE prokind WHEN 'a' THEN 'AGGREGATE'
                         WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, proname,
                         pg_get_function_identity_arguments(oid)) AS s FROM pg_proc
                       WHERE pronamespace = 'public'::regnamespace ORDER BY prokind <> 'a' LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP %s IF EXISTS public.%I CASCADE', CASE typtype WHEN 'd' THEN 'DOMAIN'
                         ELSE 'TYPE' END, typname) AS s FROM pg_type t
                       WHERE typnamespace = 'public'::regnamespace AND (typtype IN ('e', 'd', 'r', 'b')
                         OR typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = t.typrelid) = 'c')
                         AND NOT (typtype = 'b' AND typcategory = 'A')
                       LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP OPERATOR IF EXISTS public.%s(%s, %s) CASCADE', oprname,
                         coalesce(format_type(oprleft, NULL), 'NONE'), coalesce(format_type(oprright, NULL), 'NONE')) AS s
                       FROM pg_operator WHERE oprnamespace = 'public'::regnamespace LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP OPERATOR FAMILY IF EXISTS public.%I USING %I CASCADE', f.opfname, a.amname) AS s
                       FROM pg_opfamily f JOIN pg_am a ON a.oid = f.opfmethod
                       WHERE f.opfnamespace = 'public'::regnamespace LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP COLLATION IF EXISTS public.%I CASCADE', collname) AS s FROM pg_collation
                       WHERE collnamespace = 'public'::regnamespace LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP CONVERSION IF EXISTS public.%I CASCADE', conname) AS s FROM pg_conversion
                       WHERE connamespace = 'public'::regnamespace LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP TEXT SEARCH CONFIGURATION IF EXISTS public.%I CASCADE', cfgname) AS s
                       FROM pg_ts_config WHERE cfgnamespace = 'public'::regnamespace LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP TEXT SEARCH DICTIONARY IF EXISTS public.%I CASCADE', dictname) AS s
                       FROM pg_ts_dict WHERE dictnamespace = 'public'::regnamespace LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP TEXT SEARCH TEMPLATE IF EXISTS public.%I CASCADE', tmplname) AS s
                       FROM pg_ts_template WHERE tmplnamespace = 'public'::regnamespace LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP TEXT SEARCH PARSER IF EXISTS public.%I CASCADE', prsname) AS s
                       FROM pg_ts_parser WHERE prsnamespace = 'public'::regnamespace LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP STATISTICS IF EXISTS public.%I', stxname) AS s FROM pg_statistic_ext
                       WHERE stxnamespace = 'public'::regnamespace LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP CAST IF EXISTS (%s AS %s) CASCADE', format_type(castsource, NULL),
                         format_type(casttarget, NULL)) AS s FROM pg_cast c WHERE oid >= 16384 AND NOT EXISTS
                         (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass AND d.objid = c.oid
                           AND d.deptype = 'e') LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('DROP LANGUAGE IF EXISTS %I CASCADE', lanname) AS s FROM pg_language l
                       WHERE oid >= 16384 AND NOT EXISTS (SELECT 1 FROM pg_depend d
                         WHERE d.classid = 'pg_language'::regclass AND d.objid = l.oid AND d.deptype = 'e')
                       LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT DISTINCT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I%s REVOKE ALL ON %s FROM %s',
                         pg_get_userbyid(d.defaclrole), CASE WHEN d.defaclnamespace = 0 THEN ''
                         ELSE ' IN SCHEMA ' || d.defaclnamespace::regnamespace::text END, t.what,
                         CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END) AS s
                       FROM pg_default_acl d CROSS JOIN LATERAL aclexplode(d.defaclacl) a
                       JOIN (VALUES ('r', 'TABLES'), ('S', 'SEQUENCES'), ('f', 'FUNCTIONS'), ('T', 'TYPES'),
                         ('n', 'SCHEMAS')) t(kind, what) ON t.kind = d.defaclobjtype::text
                       WHERE d.defaclnamespace <> 0 OR a.grantee <> d.defaclrole LOOP EXECUTE r.s; END LOOP;
              FOR r IN SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I GRANT ALL ON %s TO %I%s',
                         pg_get_userbyid(d.defaclrole), t.what, pg_get_userbyid(d.defaclrole), CASE d.defaclobjtype
                         WHEN 'f' THEN ', PUBLIC' WHEN 'T' THEN ', PUBLIC' ELSE '' END) AS s
                       FROM pg_default_acl d JOIN (VALUES ('r', 'TABLES'), ('S', 'SEQUENCES'), ('f', 'FUNCTIONS'),
                         ('T', 'TYPES'), ('n', 'SCHEMAS')) t(kind, what) ON t.kind = d.defaclobjtype::text
                       WHERE d.defaclnamespace = 0 LOOP EXECUTE r.s; END LOOP;
            END $$""".replace("{schemas}", SourceCatalog.USER_SCHEMAS);

    private TargetDatabase() {
    }

    /**
     * Refuses a target that holds objects but no golden mark: it is someone's database.
     *
     * @throws SlipwayException {@link ErrorCode#MASK_TARGET_REFUSED}
     */
    public static void requireEmptyOrGolden(Connection c, String target) throws SQLException {
        if (GoldenMark.read(c).isPresent()) {
            return;
        }
        List<String> found = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(OBJECTS)) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        if (!found.isEmpty()) {
            throw new SlipwayException(ErrorCode.MASK_TARGET_REFUSED, "the target " + target + " holds objects ("
                    + String.join(", ", found.subList(0, Math.min(5, found.size()))) + (found.size() > 5 ? ", …" : "")
                    + ") but is not a Slipway golden (no slipway.golden mark). Slipway masks only into an empty "
                    + "database or a golden it made before, which it replaces; create an empty one (createdb) and "
                    + "pass it as --target");
        }
    }

    /** Drops every schema, extension and object of a previous run, keeping Slipway's own schema. */
    public static void clean(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(CLEAN);
        }
    }
}
