package dev.slipway.testing;

import dev.slipway.testing.ClusterSimulator;
import dev.slipway.testing.MockCluster;
import dev.slipway.config.ServeConfig;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.db.Identifiers;
import dev.slipway.env.kube.KubeAccess;
import dev.slipway.env.kube.KubernetesProvider;
import dev.slipway.env.kube.ManifestTemplates;
import dev.slipway.env.kube.PreviewAddress;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A Kubernetes cluster for tests: fabric8's mock API server in CRUD mode with the simulated controller, where
 * "starting PostgreSQL" in a preview namespace creates a real database on the test JVM's PostgreSQL, cloned from
 * {@code golden} ({@code CREATE DATABASE … TEMPLATE}), and the address seam maps the preview's Service to it. So a
 * preview created through the provider can really be linted and migrated. Close it to stop the server and drop the
 * databases.
 */
public final class KubeFixture implements AutoCloseable {

    public static final String GOLDEN_NAMESPACE = "slipway-golden";

    private final ConnectionSpec admin;
    private final String golden;
    private final Set<String> databases = ConcurrentHashMap.newKeySet();
    private final MockCluster cluster;

    private KubeFixture(ConnectionSpec admin, String golden) {
        this.admin = admin;
        this.golden = golden;
        this.cluster = MockCluster.start(new Pods(), 5);
    }

    /**
     * @param admin  a superuser connection to the test server
     * @param golden the database previews' PostgreSQL starts from (no session may stay connected to it)
     */
    public static KubeFixture start(ConnectionSpec admin, String golden) {
        return new KubeFixture(admin, golden);
    }

    public MockCluster cluster() {
        return cluster;
    }

    /** The seam: a preview's Service is the database named after its namespace on the test server. */
    public PreviewAddress address() {
        return (namespace, service, database) -> admin.withDatabase(namespace).url();
    }

    public KubeAccess access() {
        return new KubeAccess(cluster.client(), address());
    }

    /** Provider settings with a short readiness timeout and a quick poll. */
    public ServeConfig.Kubernetes settings(Duration readyTimeout) {
        return new ServeConfig.Kubernetes(GOLDEN_NAMESPACE, null, "slipway", "postgres:15", "fast-ssd", null,
                "postgres", admin.user(), new ServeConfig.Quota("2", "4Gi", "50Gi", 4), "250m", "1Gi", readyTimeout,
                Duration.ofMillis(20));
    }

    /** A provider on the mock cluster's logged client, with the templates as they are in {@code ephemeral/}. */
    public KubernetesProvider provider(Duration readyTimeout) {
        return new KubernetesProvider(cluster.client(), new KubernetesProvider.Settings(settings(readyTimeout),
                Duration.ofHours(72), Duration.ofSeconds(5), address(),
                ManifestTemplates.fromFolder(RepoFolders.path("ephemeral"))));
    }

    /** Whether the simulated PostgreSQL of {@code namespace} runs (its database exists). */
    public boolean running(String namespace) {
        return databases.contains(namespace);
    }

    @Override
    public void close() {
        cluster.close();
        databases.forEach(this::dropDatabase);
    }

    private void dropDatabase(String name) {
        sql("DROP DATABASE IF EXISTS " + Identifiers.quote(name) + " WITH (FORCE)");
    }

    private void sql(String statement) {
        try (Connection c = admin.open("slipway-test", null); Statement st = c.createStatement()) {
            st.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(statement + ": " + e.getMessage(), e);
        }
    }

    /** PostgreSQL "pods" as databases on the test server. */
    private final class Pods implements ClusterSimulator.Pods {
        @Override
        public void started(String namespace, String password) {
            sql("CREATE DATABASE " + Identifiers.quote(namespace) + " TEMPLATE " + Identifiers.quote(golden));
            databases.add(namespace);
        }

        @Override
        public void stopped(String namespace) {
            dropDatabase(namespace);
            databases.remove(namespace);
        }
    }
}
