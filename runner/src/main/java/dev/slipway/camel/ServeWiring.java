package dev.slipway.camel;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.ConnectionRef;
import dev.slipway.config.ServeConfig;
import dev.slipway.config.SlipwayConfig;
import dev.slipway.db.ConnectionSpec;
import dev.slipway.git.GitSource;
import dev.slipway.git.RefLayout;
import dev.slipway.status.CommitStatusReporter;
import dev.slipway.status.ForgeCommenter;
import dev.slipway.status.ForgeStatusReporter;
import dev.slipway.status.PullRequestCommenter;
import dev.slipway.webhook.Forge;
import dev.slipway.webhook.WebhookSecrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Turns the validated {@code serve:} config and the environment's secrets into the adapters serve needs. */
final class ServeWiring {

    private final SlipwayConfig config;
    private final ServeConfig serve;
    private final Map<String, String> env;

    ServeWiring(SlipwayConfig config, Map<String, String> env) {
        if (config.serve() == null) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, (config.file() == null ? "the configuration" : config.file())
                    + " has no serve: section; see docs/serve.md for an example");
        }
        if (config.engine() == null) {
            throw new SlipwayException(ErrorCode.CONFIG_INVALID, config.file()
                    + ": migrations.engine is required by serve (flyway or liquibase)");
        }
        this.config = config;
        this.serve = config.serve();
        this.env = env;
    }

    SlipwayConfig config() {
        return config;
    }

    ServeConfig serve() {
        return serve;
    }

    ConnectionSpec previewServer() {
        return connection(serve.previews().server(), "serve.previews.server");
    }

    /** The state database: {@code state:} when configured, else the preview server's own database. */
    ConnectionSpec stateDb() {
        return config.state() == null ? previewServer() : connection(config.state(), "state");
    }

    private ConnectionSpec connection(ConnectionRef ref, String key) {
        String pw = ref.passwordEnv() == null ? null : env.get(ref.passwordEnv());
        if (ref.passwordEnv() != null && pw == null) {
            throw new SlipwayException(ErrorCode.SECRET_MISSING, "environment variable " + ref.passwordEnv() + " ("
                    + key + ".passwordEnv in " + config.file() + ") is not set");
        }
        return new ConnectionSpec(ref.url(), ref.user(), pw, config.defaults().connectTimeout());
    }

    WebhookSecrets webhookSecrets() {
        WebhookSecrets s = WebhookSecrets.none();
        s = withSecret(s, Forge.GITHUB, serve.webhooks().githubSecretEnv(), "serve.webhooks.githubSecretEnv");
        s = withSecret(s, Forge.GITLAB, serve.webhooks().gitlabTokenEnv(), "serve.webhooks.gitlabTokenEnv");
        return withSecret(s, Forge.GITEA, serve.webhooks().giteaSecretEnv(), "serve.webhooks.giteaSecretEnv");
    }

    private WebhookSecrets withSecret(WebhookSecrets s, Forge forge, String variable, String key) {
        if (variable == null) {
            return s;
        }
        String value = env.get(variable);
        if (value == null || value.isEmpty()) {
            throw new SlipwayException(ErrorCode.SECRET_MISSING, "environment variable " + variable + " (" + key
                    + ") is not set: set it to the secret of the " + forge.id() + " webhook, or remove the key to refuse "
                    + forge.id() + " deliveries");
        }
        return s.with(forge, value);
    }

    CommitStatusReporter statusReporter() {
        ServeConfig.Status s = serve.status();
        if (s.forge().equals("none")) {
            return CommitStatusReporter.none();
        }
        return ForgeStatusReporter.of(forge(s), s.apiUrl(), forgeToken(s), Duration.ofSeconds(10));
    }

    /** The pull request comments, with the commit statuses' forge and token; none without a forge or when off. */
    PullRequestCommenter commenter() {
        ServeConfig.Status s = serve.status();
        if (s.forge().equals("none") || !s.comments()) {
            return PullRequestCommenter.none();
        }
        return ForgeCommenter.of(forge(s), s.apiUrl(), forgeToken(s), Duration.ofSeconds(10));
    }

    private static Forge forge(ServeConfig.Status s) {
        return Forge.valueOf(s.forge().toUpperCase(java.util.Locale.ROOT));
    }

    private String forgeToken(ServeConfig.Status s) {
        String token = env.get(s.tokenEnv());
        if (token == null || token.isEmpty()) {
            throw new SlipwayException(ErrorCode.SECRET_MISSING, "environment variable " + s.tokenEnv()
                    + " (serve.status.tokenEnv) is not set: commit statuses and pull request comments need a token "
                    + "allowed to write them");
        }
        return token;
    }

    GitSource gitSource(Path cacheDir) {
        ServeConfig.Repository r = serve.repository();
        String token = r.tokenEnv() == null ? null : env.get(r.tokenEnv());
        if (r.tokenEnv() != null && (token == null || token.isEmpty())) {
            throw new SlipwayException(ErrorCode.SECRET_MISSING, "environment variable " + r.tokenEnv()
                    + " (serve.repository.tokenEnv) is not set");
        }
        RefLayout layout = switch (r.refs()) {
            case GITHUB -> RefLayout.GITHUB;
            case GITLAB -> RefLayout.GITLAB;
            case BRANCHES -> RefLayout.BRANCH_PREFIX;
        };
        return new GitSource(r.url(), token, layout, r.branchPrefix(), r.baseBranch(), cacheDir, Duration.ofSeconds(60));
    }
}
