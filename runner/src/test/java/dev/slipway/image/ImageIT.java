package dev.slipway.image;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.testing.Kustomize;
import dev.slipway.testing.MigrationFiles;
import dev.slipway.testing.ModelCheck;
import dev.slipway.testing.OciImage;
import dev.slipway.testing.OciImage.Run;
import dev.slipway.testing.PostgresExtension;
import dev.slipway.testing.PrometheusServer;
import dev.slipway.testing.RepoFolders;
import dev.slipway.testing.TestDatabase;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container image this build wrote, unpacked and run with runc as a cluster would run it: user 10001, read-only
 * root, {@code /tmp} a tmpfs. Its entry point runs {@code --version}, {@code migrate} and {@code status} against a
 * local PostgreSQL, {@code mask} with the image's own pg_dump into a golden, and {@code gate} against a real
 * Prometheus; its configuration carries the labels and user the docs promise and its libraries are the product's.
 */
@ExtendWith(PostgresExtension.class)
class ImageIT {

    @RegisterExtension
    static final PrometheusServer PROMETHEUS = new PrometheusServer();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "image-test-secret-0123456789abcdef";
    private static final String SHA = "4f3e2d1c0b0a";

    private static OciImage image;

    @BeforeAll
    static void unpack() throws Exception {
        image = OciImage.ofTheBuild();
        PROMETHEUS.slothSlo("image-healthy", "availability", 0.7, 0.5, 0.5);
    }

    @Test
    void theImageIsConfiguredAsTheOverlaysAndDocsSay() throws Exception {
        JsonNode config = image.imageConfig().path("config");
        JsonNode labels = config.path("Labels");

        assertThat(image.ref()).isEqualTo("ghcr.io/slipway-dev/slipway:" + version());
        assertThat(config.path("User").asText()).isEqualTo("10001:10001");
        assertThat(config.path("Entrypoint").get(0).asText()).isEqualTo("java");
        assertThat(labels.path("org.opencontainers.image.version").asText()).isEqualTo(version());
        assertThat(labels.path("org.opencontainers.image.revision").asText()).isEqualTo(gitHead());
        assertThat(labels.path("org.opencontainers.image.source").asText()).startsWith("https://");
        assertThat(labels.path("org.opencontainers.image.licenses").asText()).isEqualTo("Apache-2.0");
        assertThat(Files.readString(RepoFolders.path("runner/target/slipway-image.digest")).strip())
                .isEqualTo(JSON.readTree(RepoFolders.path("runner/target/slipway-image.json").toFile())
                        .path("imageDigest").asText()).startsWith("sha256:");
    }

    @Test
    void itShipsWithItsSbomsTheProductsLibrariesAndAPgDumpForTheNewestServer() throws Exception {
        Set<String> libs = names(image.rootfs().resolve("opt/slipway/libs"));
        Set<String> built = names(RepoFolders.path("runner/target/lib"));

        assertThat(libs).isEqualTo(built).noneMatch(n -> n.startsWith("kubernetes-server-mock")
                || n.startsWith("mockwebserver") || n.startsWith("junit") || n.startsWith("assertj"));
        assertThat(image.rootfs().resolve("opt/slipway/classpath/slipway.jar")).exists();
        JsonNode javaSbom = JSON.readTree(RepoFolders.path("runner/target/slipway-image.cdx.json").toFile());
        JsonNode baseSbom = JSON.readTree(RepoFolders.path("runner/target/image-base/base.cdx.json").toFile());
        assertThat(javaSbom.path("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(javaSbom.path("components").findValuesAsText("name")).contains("flyway-core", "postgresql")
                .doesNotContain("kubernetes-server-mock", "junit-jupiter-api");
        assertThat(baseSbom.path("components").findValuesAsText("name"))
                .contains("postgresql-client-18", "openjdk-21-jre-headless", "ca-certificates");

        Run pgDump = image.exec(List.of("/usr/lib/postgresql/18/bin/pg_dump", "--version"), Map.of(), Map.of());
        assertThat(pgDump.out()).as(pgDump.err()).startsWith("pg_dump (PostgreSQL) 18.");
    }

    @Test
    void theEntryPointRunsAsUser10001OnAReadOnlyRoot() throws Exception {
        Run version = image.run(List.of("--version"), Map.of(), Map.of());
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out().strip()).isEqualTo("slipway " + version());

        Run id = image.exec(List.of("/usr/bin/id", "-u"), Map.of(), Map.of());
        assertThat(id.out().strip()).isEqualTo("10001");
        Run write = image.exec(List.of("/usr/bin/touch", "/opt/slipway/written"), Map.of(), Map.of());
        assertThat(write.exitCode()).isNotZero();
        assertThat(write.err()).contains("Read-only file system");
    }

    @Test
    void migrateThenStatusAgainstALocalPostgresql(TestDatabase db) throws Exception {
        Path migrations = MigrationFiles.copyOf("migrations/flyway", image.readableFolder("flyway-" + db.name(),
                Map.of()).resolve("m")).dir();
        OciImage.makeReadable(migrations);
        Map<Path, String> mounts = Map.of(migrations, "/app/migrations");
        List<String> target = List.of("--url", db.url(), "--user", db.user(), "--engine", "flyway", "--location",
                "/app/migrations");

        Run migrate = image.run(concat(List.of("migrate"), target, List.of("--json")), Map.of(), mounts);
        assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();
        Run status = image.run(concat(List.of("status"), target, List.of("--json", "--exit-code")), Map.of(), mounts);

        assertThat(status.exitCode()).as("nothing pending: " + status.out() + status.err()).isZero();
        JsonNode report = JSON.readTree(status.out());
        assertThat(report.path("migrations").size()).isEqualTo(names(migrations).size());
        assertThat(db.value("SELECT count(*) FROM flyway_schema_history WHERE success")).isNotEqualTo("0");
        assertThat(db.value("SELECT count(*) FROM slipway.runs WHERE outcome = 'succeeded'")).isEqualTo("1");
    }

    @Test
    void maskCopiesIntoAGoldenWithTheImagesPgDump(TestDatabase source, TestDatabase golden) throws Exception {
        source.execute("""
                CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL UNIQUE,
                    full_name text NOT NULL, plan text NOT NULL DEFAULT 'free');
                CREATE INDEX customers_plan ON customers (plan);
                INSERT INTO customers (email, full_name)
                SELECT 'user' || i || '@example.com', 'Person ' || i FROM generate_series(1, 200) i;
                """);
        Path rules = image.readableFolder("mask-" + source.name(), Map.of("masking.yaml", """
                tables:
                  public.customers:
                    columns:
                      id: keep
                      email: email
                      full_name: name
                      plan: keep
                """));

        Run mask = image.run(List.of("mask", "--source", source.url(), "--source-user", source.user(), "--target",
                golden.url(), "--target-user", golden.user(), "--rules", "/app/masking/masking.yaml", "--json"),
                Map.of("SLIPWAY_MASK_SECRET", SECRET), Map.of(rules, "/app/masking"));

        assertThat(mask.exitCode()).as(mask.out() + mask.err()).isZero();
        JsonNode report = JSON.readTree(mask.out());
        assertThat(report.path("outcome").asText()).isEqualTo("masked");
        assertThat(report.path("schemaCopy").asText()).startsWith("pg_dump (PostgreSQL) 18.")
                .contains("/usr/lib/postgresql/18/bin");
        assertThat(golden.value("SELECT count(*) FROM customers")).isEqualTo("200");
        assertThat(golden.value("SELECT count(*) FROM customers WHERE email LIKE 'user%@example.com'")).isEqualTo("0");
        assertThat(golden.value("SELECT count(*) FROM pg_indexes WHERE indexname = 'customers_plan'")).isEqualTo("1");
        assertThat(mask.out() + mask.err()).doesNotContain(SECRET);
    }

    @Test
    void gateAgainstARealPrometheus(TestDatabase target, TestDatabase state) throws Exception {
        Path config = image.readableFolder("gate-" + target.name(), Map.of("slipway.yaml", """
                migrations:
                  engine: flyway
                  location: /app/migrations
                state:
                  url: %s
                  user: %s
                environments:
                  staging:
                    url: %s
                    user: %s
                    gate:
                      migrations: false
                      prometheus: {url: "%s"}
                      slos:
                        - {name: checkout, sloth: {service: image-healthy, slo: availability}, minBudgetRemaining: 0.25}
                """.formatted(state.url(), state.user(), target.url(), target.user(), PROMETHEUS.url())));
        Path migrations = MigrationFiles.copyOf("migrations/flyway", config.resolve("m")).dir();
        OciImage.makeReadable(config);

        Run gate = image.run(List.of("gate", "--env", "staging", "--commit", SHA),
                Map.of("SLIPWAY_CONFIG", "/app/config/slipway.yaml"), Map.of(config, "/app/config", migrations,
                        "/app/migrations"));

        assertThat(gate.exitCode()).as(gate.out() + gate.err()).isZero();
        assertThat(gate.out()).containsPattern("PASS +slo-budget:checkout +70\\.0% left")
                .containsPattern("verdict [0-9a-f-]{36}: PASS");
        assertThat(state.value("SELECT outcome || ' ' || commit_sha FROM slipway.gate_verdicts"))
                .isEqualTo("PASS " + SHA);
    }

    @Test
    void eachOverlaysContainerArgumentsRunInTheImageAsTheirPodsUser() throws Exception {
        String user = image.imageConfig().path("config").path("User").asText().split(":")[0];

        for (String overlay : List.of("dev", "staging", "prod")) {
            List<HasMetadata> objects = Kustomize.build(overlay);
            for (PodSpec pod : pods(objects)) {
                assertThat(pod.getSecurityContext().getRunAsUser()).as(overlay).hasToString(user);
            }
            for (Container c : containers(objects)) {
                List<String> args = new ArrayList<>(c.getArgs());
                args.add("--help");
                Run help = image.run(args, Map.of(), Map.of());
                assertThat(help.out()).as("%s %s: %s", overlay, c.getArgs(), help.err())
                        .startsWith("Usage: slipway " + c.getArgs().get(0));
            }
        }
    }

    @Test
    void theOverlaysRenderThisVersionAndPinnedByTheBuildTheDigestThatWasRun(@TempDir Path dir) throws Exception {
        String digest = Files.readString(RepoFolders.path("runner/target/slipway-image.digest")).strip();
        Path pin = RepoFolders.path("runner/target/image-pin");

        for (String overlay : List.of("base", "dev", "staging", "prod")) {
            assertThat(containers(Kustomize.build(overlay))).as(overlay).extracting(Container::getImage)
                    .containsOnly(image.ref());
            List<HasMetadata> pinned = Kustomize.build(dir, overlay, List.of(pin));
            assertThat(containers(pinned)).as(overlay).extracting(Container::getImage)
                    .containsOnly("ghcr.io/slipway-dev/slipway@" + digest);
            assertThat(pinned).flatMap(ModelCheck::problems).isEmpty();
        }
        assertThat(image.manifestDigest()).isEqualTo(digest);
        assertThat(Files.readString(RepoFolders.path("docs/container-image.md"))).contains(image.ref());
    }

    private static List<PodSpec> pods(List<HasMetadata> objects) {
        List<PodSpec> pods = new ArrayList<>();
        objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        objects.stream().filter(Job.class::isInstance).map(Job.class::cast)
                .forEach(j -> pods.add(j.getSpec().getTemplate().getSpec()));
        assertThat(pods).isNotEmpty();
        return pods;
    }

    private static List<Container> containers(List<HasMetadata> objects) {
        return pods(objects).stream().flatMap(p -> p.getContainers().stream()).toList();
    }

    private static String version() {
        String v = System.getProperty("slipway.test.version");
        assertThat(v).as("slipway.test.version (set by Failsafe from the pom)").isNotBlank();
        return v;
    }

    private static String gitHead() throws IOException, InterruptedException {
        Process git = new ProcessBuilder("git", "rev-parse", "HEAD").directory(RepoFolders.path(".").toFile()).start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(git.waitFor()).isZero();
        return head;
    }

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        return Stream.of(parts).flatMap(List::stream).toList();
    }
}
