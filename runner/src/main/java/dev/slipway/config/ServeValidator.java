package dev.slipway.config;

import dev.slipway.config.ConfigFile.Previews;
import dev.slipway.config.ConfigFile.Repository;
import dev.slipway.config.ConfigFile.Serve;
import dev.slipway.config.ServeConfig.ClonePreference;
import dev.slipway.config.ServeConfig.Refs;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/** Validates the {@code serve:} section, naming the key of any bad value. */
final class ServeValidator {

    private static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]*";
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final String IPV4 = OCTET + "(\\." + OCTET + "){3}";
    private static final String IPV6 = "[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*";
    private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final String HOST = LABEL + "(\\." + LABEL + ")*";
    private final ConfigLoader.Validator v;

    ServeValidator(ConfigLoader.Validator v) {
        this.v = v;
    }

    ServeConfig validate(Serve s) {
        int port = s.port() == null ? 8080 : s.port();
        if (port < 0 || port > 65535) {
            throw v.invalid("serve.port", "expected a TCP port from 1 to 65535 (0 picks a free one), found " + port);
        }
        URI publicUrl = s.publicUrl() == null ? null : uri(s.publicUrl(), "serve.publicUrl");
        return new ServeConfig(port, bindAddress(s.bindAddress()), publicUrl, repository(s.repository()), webhooks(s.webhooks()), status(s.status()),
                previews(s.previews()), v.duration(s.resync(), Duration.ofMinutes(5), "serve.resync"));
    }

    /** An IPv4 or IPv6 address, or a host name; whether it is this machine's is found out when serve listens. */
    private String bindAddress(String text) {
        if (text == null) {
            return ServeConfig.ALL_INTERFACES;
        }
        String a = text.trim();
        boolean valid = a.matches("[0-9.]+") ? a.matches(IPV4) : a.contains(":") ? a.matches(IPV6) : a.matches(HOST);
        if (!valid) {
            throw v.invalid("serve.bindAddress", "expected an IP address or host name of this machine (e.g. "
                    + "127.0.0.1 to listen on loopback only), or 0.0.0.0 for every interface; found '" + text + "'");
        }
        return a;
    }

    private ServeConfig.Repository repository(Repository r) {
        if (r == null || r.name() == null || r.url() == null) {
            throw v.invalid("serve.repository", "name (owner/name as the forge names it) and url are required");
        }
        if (!r.name().matches("[^/\\s]+(/[^/\\s]+)+")) {
            throw v.invalid("serve.repository.name", "expected owner/name, found '" + r.name() + "'");
        }
        Refs refs = refs(r.refs());
        if (refs == Refs.BRANCHES && (r.branchPrefix() == null || r.branchPrefix().isBlank())) {
            throw v.invalid("serve.repository.branchPrefix", "refs: branches needs a branch prefix, e.g. preview/");
        }
        return new ServeConfig.Repository(r.name(), r.url(), envName(r.tokenEnv(), "serve.repository.tokenEnv"), refs,
                r.branchPrefix(), r.baseBranch() == null ? "main" : r.baseBranch(),
                r.migrations() == null ? "migrations" : r.migrations(), poll(r.poll()), masking(r.masking()));
    }

    /** A file inside the repository: relative, without {@code .} or {@code ..} segments. */
    private String masking(String path) {
        if (path == null) {
            return null;
        }
        String p = path.strip();
        if (p.isEmpty() || p.startsWith("/") || p.endsWith("/")
                || java.util.Arrays.stream(p.split("/", -1)).anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
            throw v.invalid("serve.repository.masking", "expected the path of the masking rules inside the repository, "
                    + "e.g. migrations/masking.yaml, found '" + path + "'");
        }
        return p;
    }

    private Duration poll(String text) {
        if (text != null && text.trim().equalsIgnoreCase("off")) {
            return Duration.ZERO;
        }
        return v.duration(text, Duration.ofSeconds(60), "serve.repository.poll");
    }

    private Refs refs(String text) {
        String t = text == null ? "github" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "github" -> Refs.GITHUB;
            case "gitlab" -> Refs.GITLAB;
            case "branches" -> Refs.BRANCHES;
            default -> throw v.invalid("serve.repository.refs", "expected github, gitlab or branches, found '" + text + "'");
        };
    }

    private ServeConfig.Webhooks webhooks(ConfigFile.Webhooks w) {
        long max = v.size(w == null ? null : w.maxBody(), 5L * 1024 * 1024, "serve.webhooks.maxBody");
        if (w == null) {
            return new ServeConfig.Webhooks(null, null, null, max);
        }
        return new ServeConfig.Webhooks(envName(w.githubSecretEnv(), "serve.webhooks.githubSecretEnv"),
                envName(w.gitlabTokenEnv(), "serve.webhooks.gitlabTokenEnv"),
                envName(w.giteaSecretEnv(), "serve.webhooks.giteaSecretEnv"), max);
    }

    private ServeConfig.Status status(ConfigFile.Status s) {
        if (s == null || s.forge() == null || s.forge().equalsIgnoreCase("none")) {
            return new ServeConfig.Status("none", null, null, "slipway/preview", false);
        }
        String forge = s.forge().trim().toLowerCase(Locale.ROOT);
        if (!forge.matches("github|gitlab|gitea")) {
            throw v.invalid("serve.status.forge", "expected github, gitlab, gitea or none, found '" + s.forge() + "'");
        }
        if (s.apiUrl() == null || s.tokenEnv() == null) {
            throw v.invalid("serve.status", "apiUrl and tokenEnv are required to report commit statuses to " + forge);
        }
        return new ServeConfig.Status(forge, uri(s.apiUrl(), "serve.status.apiUrl"),
                envName(s.tokenEnv(), "serve.status.tokenEnv"), s.context() == null ? "slipway/preview" : s.context(),
                s.comments() == null || s.comments());
    }

    private ServeConfig.Previews previews(Previews p) {
        if (p == null) {
            throw v.invalid("serve.previews", "required: provider (local or kubernetes) and its settings");
        }
        String provider = p.provider() == null ? "local" : p.provider();
        int max = p.max() == null ? 20 : p.max();
        if (max < 1) {
            throw v.invalid("serve.previews.max", "expected at least 1, found " + max);
        }
        Duration ttl = v.duration(p.ttl(), Duration.ofHours(72), "serve.previews.ttl");
        if (ttl.isZero() || ttl.isNegative()) {
            throw v.invalid("serve.previews.ttl", "expected a positive duration such as 72h");
        }
        boolean trace = p.trace() != null && p.trace();
        return switch (provider) {
            case "local" -> local(p, ttl, max, trace);
            case "kubernetes" -> new ServeConfig.Previews(provider, server(p.server()), null, ttl, max, trace,
                    kubernetes(p), p.kubernetes().refresh() == null ? null
                            : new KubeValidator(v).refresh(p.kubernetes().refresh()), ClonePreference.AUTO);
            default -> throw v.invalid("serve.previews.provider", "expected local or kubernetes, found '" + provider + "'");
        };
    }

    private ServeConfig.Previews local(Previews p, Duration ttl, int max, boolean trace) {
        if (p.server() == null || p.golden() == null) {
            throw v.invalid("serve.previews", "server (url, user, passwordEnv) and golden are required");
        }
        if (p.kubernetes() != null) {
            throw v.invalid("serve.previews.kubernetes", "only for provider: kubernetes; remove it or set the provider");
        }
        return new ServeConfig.Previews("local", server(p.server()), p.golden(), ttl, max, trace, null, null,
                cloneStrategy(p.cloneStrategy()));
    }

    private ClonePreference cloneStrategy(String text) {
        String t = text == null ? "auto" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "auto" -> ClonePreference.AUTO;
            case "wal_log" -> ClonePreference.WAL_LOG;
            case "file_copy" -> ClonePreference.FILE_COPY;
            default -> throw v.invalid("serve.previews.cloneStrategy", "expected auto, wal_log or file_copy, found '"
                    + text + "'");
        };
    }

    private ServeConfig.Kubernetes kubernetes(Previews p) {
        if (p.cloneStrategy() != null) {
            throw v.invalid("serve.previews.cloneStrategy", "only for provider: local; the kubernetes provider restores "
                    + "a VolumeSnapshot, whose cost is the storage driver's (see the docs on CSI drivers)");
        }
        if (p.golden() != null) {
            throw v.invalid("serve.previews.golden", "a database name, only for provider: local; the kubernetes "
                    + "provider restores serve.previews.kubernetes.goldenSnapshot (or the newest masked snapshot)");
        }
        return new KubeValidator(v).validate(p.kubernetes());
    }

    private ConnectionRef server(ConfigFile.Connection c) {
        return c == null ? null : v.connection("serve.previews.server", c.url(), c.user(), c.passwordEnv());
    }

    private String envName(String name, String key) {
        if (name != null && !name.matches(ENV_NAME)) {
            throw v.invalid(key, "expected the name of an environment variable, e.g. GITHUB_TOKEN");
        }
        return name;
    }

    private URI uri(String text, String key) {
        try {
            URI u = new URI(text);
            if (u.getScheme() == null || !u.getScheme().matches("https?") || u.getHost() == null) {
                throw v.invalid(key, "expected an http(s) URL, found '" + text + "'");
            }
            return u;
        } catch (URISyntaxException e) {
            throw v.invalid(key, "expected an http(s) URL, found '" + text + "'");
        }
    }
}
