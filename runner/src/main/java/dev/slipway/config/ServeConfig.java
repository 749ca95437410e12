package dev.slipway.config;

import java.net.URI;
import java.time.Duration;

/**
 * The {@code serve:} section of {@code slipway.yaml}, validated. Secrets are named by environment variable,
 * never held in the file.
 *
 * @param port      the one HTTP port: webhooks, API, status page, health and metrics
 * @param publicUrl how people and forges reach this port (links in commit statuses)
 * @param resync    how often to reconcile when nothing asked for it (TTL expiry, lost events)
 */
public record ServeConfig(int port, URI publicUrl, Repository repository, Webhooks webhooks, Status status,
                          Previews previews, Duration resync) {

    /** How pull requests appear on the remote. */
    public enum Refs { GITHUB, GITLAB, BRANCHES }

    /**
     * The watched repository.
     *
     * @param name       {@code owner/name} as the forge names it in webhooks
     * @param migrations the migrations' path inside the repository, e.g. {@code migrations/flyway}
     * @param poll       how often to fetch; {@link Duration#ZERO} when polling is off (webhooks only)
     */
    public record Repository(String name, String url, String tokenEnv, Refs refs, String branchPrefix,
                             String baseBranch, String migrations, Duration poll) {
    }

    /** Environment variables holding each forge's webhook secret; {@code null} refuses that forge's hooks. */
    public record Webhooks(String githubSecretEnv, String gitlabTokenEnv, String giteaSecretEnv, long maxBodyBytes) {
    }

    /**
     * Where commit statuses go.
     *
     * @param forge {@code github}, {@code gitlab}, {@code gitea} or {@code none}
     */
    public record Status(String forge, URI apiUrl, String tokenEnv, String context) {
    }

    /**
     * Preview environments.
     *
     * @param provider {@code local} (one PostgreSQL server, template clones)
     * @param server   the server previews are created on, as a user allowed to create databases
     * @param golden   the masked golden database on that server
     * @param ttl      previews whose head has not moved for this long are dropped
     * @param max      at most this many previews at once; the rest queue
     * @param trace    measure the locks each migration takes (on a scratch copy of the preview)
     */
    public record Previews(String provider, ConnectionRef server, String golden, Duration ttl, int max, boolean trace) {
    }
}
