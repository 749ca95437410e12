package dev.slipway.mask;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.mask.copy.MaskProgress;
import dev.slipway.mask.golden.GoldenMark;
import dev.slipway.mask.schema.PgClient;
import dev.slipway.mask.transform.Keyring;
import dev.slipway.mask.transform.MaskSecret;
import dev.slipway.mask.verify.VerifyReport;
import dev.slipway.mask.verify.VerifyStep;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The masking part of {@code slipway demo}: loads {@code migrations/demo/personal-data.sql} into the
 * migrated demo database, masks it into a new golden database with {@code migrations/masking.yaml}, shows
 * a few rows before and after, and verifies the golden.
 */
public final class MaskDemo {

    private static final String SAMPLE = "SELECT c.id, c.email, c.full_name, c.created_at::date, "
            + "(SELECT o.total FROM orders o WHERE o.customer_id = c.id ORDER BY o.id LIMIT 1) "
            + "FROM customers c ORDER BY c.id LIMIT 3";

    private MaskDemo() {
    }

    /**
     * Runs the masking demo from {@code source} (migrated with migrations/flyway) into a database
     * {@code createDatabase} makes; {@code say} prints lines. Returns the reports for {@code --json}.
     */
    public static Map<String, Object> run(ConnectionSpec source, Function<String, ConnectionSpec> createDatabase,
                                          Path migrations, Map<String, String> env, Consumer<String> say) {
        load(source, migrations.resolve("demo/personal-data.sql"));
        ConnectionSpec golden = createDatabase.apply("demo_golden");
        Path rules = migrations.resolve("masking.yaml");
        say.accept("\n== mask: " + source.redactedUrl() + " -> " + golden.redactedUrl() + " with " + rules);
        say.accept("-- the source, with fake personal data from migrations/demo/personal-data.sql:");
        sample(source, say);
        Keyring keys = keys(env, say);
        MaskReport report = new MaskStep(new MaskRequest(source, golden, rules, keys, 2, false, false, env.get(PgClient.ENV), false),
                MaskProgress.lines(say)).call();
        say.accept("-- the golden: same rows, same joins, no clear value:");
        sample(golden, say);
        VerifyReport verify = new VerifyStep(source, golden, rules, 50).call();
        verify.checks().forEach(c -> say.accept(String.format(java.util.Locale.ROOT, "  verify %-6s %-36s %,6d rows, "
                + "%d leaks", c.kind(), c.column(), c.rowsChecked(), c.leaks())));
        say.accept((verify.leaks() == 0 ? "verified: no clear value in the golden" : "LEAKS FOUND")
                + "; golden mark: " + GoldenMark.requireMasked(golden).status());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("mask", report);
        doc.put("verify", verify);
        return doc;
    }

    private static Keyring keys(Map<String, String> env, Consumer<String> say) {
        if (env.get(MaskSecret.DEFAULT_ENV) != null) {
            return MaskSecret.load(env, null, null);
        }
        say.accept("-- " + MaskSecret.DEFAULT_ENV + " is not set: the demo masks with a random secret of its own");
        return Keyring.of(HexFormat.of().formatHex(new SecureRandom().generateSeed(16)).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void load(ConnectionSpec db, Path file) {
        try (Connection c = db.open("slipway-demo", null); Statement st = c.createStatement()) {
            st.execute(Files.readString(file));
        } catch (IOException | SQLException e) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "cannot load the demo's personal data from " + file
                    + ": " + e.getMessage(), e);
        }
    }

    private static void sample(ConnectionSpec db, Consumer<String> say) {
        try (Connection c = db.open("slipway-demo", null); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery(SAMPLE)) {
            while (rs.next()) {
                say.accept(String.format(java.util.Locale.ROOT, "  %3s  %-36s %-22s %s  first order %s", rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)));
            }
        } catch (SQLException e) {
            throw new SlipwayException(ErrorCode.INTERNAL, "demo: cannot read sample rows: " + e.getMessage(), e);
        }
    }
}
