package dev.slipway.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code serve:} section of {@code slipway.yaml}, validated. Secrets are named by environment variable,
 * never held in the file.
 *
 * @param port        the one HTTP port: webhooks, API, status page, health and metrics
 * @param bindAddress the address that port listens on: {@value #ALL_INTERFACES} (the default) for every interface,
 *                    e.g. {@code 127.0.0.1} for this machine only
 * @param publicUrl   how people and forges reach this port (links in commit statuses)
 * @param resync    how often to reconcile when nothing asked for it (TTL expiry, lost events)
 */
public record ServeConfig(int port, String bindAddress, URI publicUrl, Repository repository, Webhooks webhooks,
                          Status status, Previews previews, Duration resync) {

    /** The default bind address: every interface, as a container or a Kubernetes pod needs it. */
    public static final String ALL_INTERFACES = "0.0.0.0";

    /**
     * {@code serve.previews.cloneStrategy} (provider {@code local}): {@code auto} lets
     * {@link dev.slipway.env.CloneStrategy#choose} decide from the server; the others force that strategy.
     */
    public enum ClonePreference { AUTO, WAL_LOG, FILE_COPY }

    /** How pull requests appear on the remote. */
    public enum Refs { GITHUB, GITLAB, BRANCHES }

    /**
     * The watched repository.
     *
     * @param name       {@code owner/name} as the forge names it in webhooks
     * @param migrations the migrations' path inside the repository, e.g. {@code migrations/flyway}
     * @param poll       how often to fetch; {@link Duration#ZERO} when polling is off (webhooks only)
     * @param masking    the masking rules' path inside the repository, read at each pull request's head for
     *                   {@code masking-coverage}; {@code null}: pull requests are linted without that rule
     */
    public record Repository(String name, String url, String tokenEnv, Refs refs, String branchPrefix,
                             String baseBranch, String migrations, Duration poll, String masking) {
    }

    /** Environment variables holding each forge's webhook secret; {@code null} refuses that forge's hooks. */
    public record Webhooks(String githubSecretEnv, String gitlabTokenEnv, String giteaSecretEnv, long maxBodyBytes) {
    }

    /**
     * Where commit statuses and the pull request comment go.
     *
     * @param forge    {@code github}, {@code gitlab}, {@code gitea} or {@code none}
     * @param comments whether each build's report is also Slipway's one comment on the pull request (default on)
     */
    public record Status(String forge, URI apiUrl, String tokenEnv, String context, boolean comments) {
    }

    /**
     * Preview environments.
     *
     * @param provider   {@code local} (one PostgreSQL server, template clones) or {@code kubernetes} (a namespace per
     *                   preview, restored from the golden VolumeSnapshot)
     * @param server     the server previews are created on, as a user allowed to create databases; for
     *                   {@code kubernetes} optional (only the state database's fallback)
     * @param golden     the masked golden database on that server ({@code local} only)
     * @param ttl      previews whose head has not moved for this long are dropped
     * @param max      at most this many previews at once; the rest queue
     * @param trace      measure the locks each migration takes (on a scratch copy of the preview)
     * @param kubernetes the {@code kubernetes} provider's settings; {@code null} for {@code local}
     * @param cloneStrategy how {@code local} copies the golden; {@code AUTO} for {@code kubernetes}
     */
    public record Previews(String provider, ConnectionRef server, String golden, Duration ttl, int max, boolean trace,
                           Kubernetes kubernetes, GoldenRefresh refresh, ClonePreference cloneStrategy) {
    }

    /**
     * Refreshing the golden on the cluster ({@code serve.previews.kubernetes.refresh}): a Job masks the source into a
     * fresh volume, which is snapshotted and labelled masked; the newest {@code keep} goldens stay, with any older
     * one a preview still uses.
     *
     * @param every          how often (measured from the newest golden's creation)
     * @param sourceSecret   Secret in the golden namespace with SOURCE_URL, SOURCE_USER, SOURCE_PASSWORD and MASK_SECRET
     * @param rulesConfigMap ConfigMap in the golden namespace whose key {@code masking.yaml} the Job masks with
     * @param rules          the same rules file where serve runs: its SHA-256 becomes the snapshot's rules-hash label
     * @param image          Slipway's image, which runs {@code slipway mask}
     * @param snapshotClass  the VolumeSnapshotClass; {@code null} for the cluster's default
     * @param timeout        how long the Job and the snapshot may take
     */
    public record GoldenRefresh(Duration every, int keep, String sourceSecret, String rulesConfigMap, Path rules,
                                String image, String snapshotClass, String storageClass, String volumeSize,
                                Duration timeout) {
    }

    /**
     * The {@code kubernetes} provider: where the golden VolumeSnapshot is, what each preview namespace may use, and
     * how long to wait for it. The cluster itself is reached as fabric8 finds it (KUBECONFIG or in-cluster).
     *
     * @param goldenNamespace the namespace of the masked golden VolumeSnapshots
     * @param goldenSnapshot  one VolumeSnapshot by name; {@code null} for the newest one labelled masked
     * @param slipwayNamespace Slipway's own namespace: the only one (besides the preview's) that may reach a preview
     * @param storageClass    the storage class of the restored volume; {@code null} for the cluster's default
     * @param volumeSize      the restored volume's size; {@code null} for the golden's restore size
     * @param database        the golden's database inside the snapshot's data directory
     * @param user            the data directory's superuser, whose password each preview generates
     * @param cpu             PostgreSQL's CPU request (no CPU limit is set)
     * @param memory          PostgreSQL's memory request and limit
     * @param readyTimeout    how long a preview may take to be ready (snapshot, volume, PostgreSQL) before it fails
     * @param pollInterval    the first pause between readiness checks while waiting; it doubles up to 8 times this
     */
    public record Kubernetes(String goldenNamespace, String goldenSnapshot, String slipwayNamespace, String postgresImage,
                             String storageClass, String volumeSize, String database, String user, Quota quota,
                             String cpu, String memory, Duration readyTimeout, Duration pollInterval) {
    }

    /** The ResourceQuota of each preview namespace. */
    public record Quota(String cpu, String memory, String storage, int pods) {
    }
}
