package dev.slipway.env.kube;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * How {@code serve} reaches the cluster and the previews' PostgreSQL: the client and the address seam. Production
 * uses {@link #fromEnvironment()}; tests pass the mock API server's client and an address on a local PostgreSQL.
 */
public record KubeAccess(KubernetesClient client, PreviewAddress address) {

    /** fabric8's own discovery (KUBECONFIG, or the in-cluster ServiceAccount) and Service DNS names. */
    public static KubeAccess fromEnvironment() {
        return new KubeAccess(new io.fabric8.kubernetes.client.KubernetesClientBuilder().build(), PreviewAddress.inCluster());
    }
}
