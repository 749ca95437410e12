package dev.slipway.env.kube;

/**
 * How Slipway reaches a preview's PostgreSQL: the one seam between the provider and the network. In a cluster it is
 * the Service's DNS name ({@link #inCluster()}); tests, which run on a mock API server without pods, map the Service to
 * a database on a real local PostgreSQL instead.
 */
@FunctionalInterface
public interface PreviewAddress {

    /** The JDBC URL of {@code database} behind Service {@code service} in {@code namespace}. */
    String jdbcUrl(String namespace, String service, String database);

    /** {@code jdbc:postgresql://SERVICE.NAMESPACE.svc:5432/DATABASE}: Slipway runs in the cluster. */
    static PreviewAddress inCluster() {
        return (namespace, service, database) -> "jdbc:postgresql://" + service + "." + namespace + ".svc:5432/" + database;
    }
}
