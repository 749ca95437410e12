package dev.slipway.cli;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.camel.ServeDemo;
import dev.slipway.config.MigrationSettings;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.EmbeddedServer;
import dev.slipway.mask.MaskDemo;
import dev.slipway.migrate.EngineKind;
import dev.slipway.migrate.MigrateRequest;
import dev.slipway.migrate.MigrateStep;
import dev.slipway.migrate.MigrationReport;
import dev.slipway.migrate.RunProgress;
import dev.slipway.migrate.StatusReport;
import dev.slipway.migrate.StatusStep;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code slipway demo}: the loop on one machine with nothing installed. Starts an embedded
 * PostgreSQL, applies the repository's {@code migrations/} with both engines, runs again to show
 * that a second run applies nothing, prints the status, masks the Flyway database (with fake personal
 * data loaded) into a golden with {@code migrations/masking.yaml}, verifies it, and stops the server.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Apply migrations/ to an embedded PostgreSQL with Flyway and Liquibase, show the status, "
                + "and mask the demo data into a verified golden.")
final class DemoCommand implements Callable<Integer>, SlipwayCli.JsonOutput {

    @ParentCommand
    SlipwayCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--migrations", paramLabel = "DIR", description = "the migrations folder (default: $SLIPWAY_HOME/migrations, else ./migrations)")
    Path migrations;

    @Option(names = "--keep-running", description = "leave serve, its status page and the previews up until Ctrl-C")
    boolean keepRunning;

    @Option(names = "--json", description = "print the reports as one JSON document")
    boolean json;

    @Override
    public boolean json() {
        return json;
    }

    @Override
    public Integer call() {
        Path home = migrationsHome();
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> doc = new LinkedHashMap<>();
        int exit = 0;
        try (EmbeddedServer server = EmbeddedServer.start()) {
            say(out, "embedded PostgreSQL " + server.majorVersion() + " on 127.0.0.1:" + server.port());
            exit = Math.max(exit, engine(server, EngineKind.FLYWAY, home.resolve("flyway"), out, doc));
            exit = Math.max(exit, engine(server, EngineKind.LIQUIBASE, home.resolve("liquibase/changelog.yaml"), out, doc));
            if (exit == 0) {
                doc.putAll(MaskDemo.run(server.spec("demo_flyway"), server::createDatabase, home, parent.env(),
                        line -> say(out, line)));
                serveLoop(server, home, out, doc);
            }
        }
        if (json) {
            out.println(Json.write(doc));
        }
        say(out, exit == 0 ? "demo finished; the embedded server is stopped and its data deleted" : "demo failed");
        out.flush();
        return exit;
    }

    /** The whole loop: serve on the masked golden, pull requests opened, fixed and merged. */
    private void serveLoop(EmbeddedServer server, Path home, PrintWriter out, Map<String, Object> doc) {
        Path work = tempDir();
        try (ServeDemo demo = ServeDemo.run(server.spec("postgres"), "demo_golden", home, work, line -> say(out, line))) {
            doc.put("serve", demo.steps());
            say(out, "\nstatus page: " + demo.url());
            if (keepRunning) {
                say(out, "--keep-running: serve stays up; press Ctrl-C to stop (the embedded server's data is deleted then)");
                CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
                stop.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("slipway-demo-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int engine(EmbeddedServer server, EngineKind kind, Path location, PrintWriter out, Map<String, Object> doc) {
        ConnectionSpec db = server.createDatabase("demo_" + kind.id());
        say(out, "\n== " + kind.id() + ": " + location + " -> " + db.redactedUrl());
        MigrationReport first = migrate(db, kind, location, out);
        say(out, "-- running again: a second run applies nothing");
        MigrationReport second = migrate(db, kind, location, out);
        StatusReport status = new StatusStep(db, kind, location, MigrationSettings.DEFAULT).call();
        if (!json) {
            new ReportPrinter(out).status(status);
        }
        doc.put(kind.id(), Map.of("firstRun", first, "secondRun", second, "status", status));
        return Math.max(first.exitCode(), second.exitCode());
    }

    private MigrationReport migrate(ConnectionSpec db, EngineKind kind, Path location, PrintWriter out) {
        ReportPrinter printer = new ReportPrinter(out);
        RunProgress progress = json ? RunProgress.NONE : printer.progress();
        MigrationReport report = new MigrateStep(new MigrateRequest(db, kind, location, MigrationSettings.DEFAULT,
                false, null, null), progress).call();
        if (!json) {
            printer.summary(report);
        }
        return report;
    }

    private void say(PrintWriter out, String line) {
        if (!json) {
            out.println(line);
            out.flush();
        }
    }

    private Path migrationsHome() {
        if (migrations != null) {
            return requireDir(migrations);
        }
        String home = parent.env().get("SLIPWAY_HOME");
        return requireDir(home != null ? Path.of(home, "migrations") : Path.of("migrations"));
    }

    private static Path requireDir(Path dir) {
        if (!Files.isDirectory(dir.resolve("flyway")) || !Files.isDirectory(dir.resolve("liquibase"))) {
            throw new SlipwayException(ErrorCode.LOCATION_INVALID, "the demo needs the repository's migrations folder "
                    + "with flyway/ and liquibase/ in it, and " + dir.toAbsolutePath() + " is not one; run it as "
                    + "./slipway demo from the repository, or pass --migrations DIR");
        }
        return dir;
    }
}
