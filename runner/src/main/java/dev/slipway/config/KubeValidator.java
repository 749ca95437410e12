package dev.slipway.config;

import dev.slipway.config.ConfigFile.KubeQuota;
import dev.slipway.config.ConfigFile.Kubernetes;
import java.time.Duration;

/** Validates {@code serve.previews.kubernetes}, naming the key of any bad value. */
final class KubeValidator {

    private static final String KEY = "serve.previews.kubernetes";
    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private static final String DNS_SUBDOMAIN = "[a-z0-9]([-a-z0-9.]*[a-z0-9])?";
    private static final String QUANTITY = "[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti|P|Pi|E|Ei)?";
    private static final String IMAGE = "[A-Za-z0-9][A-Za-z0-9._/:@-]*";
    private static final String ROLE = "[a-z_][a-z0-9_]{0,62}";

    private final ConfigLoader.Validator v;

    KubeValidator(ConfigLoader.Validator v) {
        this.v = v;
    }

    ServeConfig.Kubernetes validate(Kubernetes k) {
        if (k == null || k.goldenNamespace() == null) {
            throw v.invalid(KEY, "provider kubernetes needs this section with at least goldenNamespace (the namespace "
                    + "of the masked golden VolumeSnapshots)");
        }
        Duration timeout = positive(k.readyTimeout(), Duration.ofMinutes(10), "readyTimeout");
        Duration poll = positive(k.pollInterval(), Duration.ofSeconds(2), "pollInterval");
        if (poll.compareTo(timeout) > 0) {
            throw v.invalid(KEY + ".pollInterval", "must not be longer than readyTimeout (" + timeout + ")");
        }
        return new ServeConfig.Kubernetes(label(k.goldenNamespace(), "goldenNamespace"),
                optional(k.goldenSnapshot(), DNS_SUBDOMAIN, "goldenSnapshot", "a VolumeSnapshot name"),
                label(k.slipwayNamespace() == null ? "slipway" : k.slipwayNamespace(), "slipwayNamespace"),
                matching(k.postgresImage() == null ? "postgres:15" : k.postgresImage(), IMAGE, "postgresImage",
                        "an image reference such as postgres:15 or registry.example/postgres@sha256:…"),
                optional(k.storageClass(), DNS_SUBDOMAIN, "storageClass", "a StorageClass name"),
                optional(k.volumeSize(), QUANTITY, "volumeSize", "a quantity such as 20Gi"),
                matching(orElse(k.database(), "postgres"), ROLE, "database", "a lower-case PostgreSQL name"),
                matching(orElse(k.user(), "postgres"), ROLE, "user", "a lower-case PostgreSQL role name"),
                quota(k.quota()), quantity(orElse(k.cpu(), "250m"), "cpu"), quantity(orElse(k.memory(), "1Gi"), "memory"),
                timeout, poll);
    }

    /** {@code serve.previews.kubernetes.refresh}: every key named when missing or wrong. */
    ServeConfig.GoldenRefresh refresh(ConfigFile.GoldenRefresh r) {
        String key = KEY + ".refresh";
        if (r.sourceSecret() == null || r.rulesConfigMap() == null || r.rules() == null || r.image() == null) {
            throw v.invalid(key, "needs sourceSecret (SOURCE_URL, SOURCE_USER, SOURCE_PASSWORD, MASK_SECRET), "
                    + "rulesConfigMap (key masking.yaml), rules (the same file where serve runs) and image (Slipway's)");
        }
        int keep = r.keep() == null ? 3 : r.keep();
        if (keep < 1) {
            throw v.invalid(key + ".keep", "expected at least 1 (the golden previews restore), found " + keep);
        }
        java.nio.file.Path rules = v.resolve(r.rules());
        if (!java.nio.file.Files.isRegularFile(rules)) {
            throw v.invalid(key + ".rules", "no file at " + rules + "; give the masking rules the Job uses, so "
                    + "their hash can label the snapshot");
        }
        return new ServeConfig.GoldenRefresh(positive(r.every(), Duration.ofHours(24), "refresh.every"), keep,
                matching(r.sourceSecret(), DNS_SUBDOMAIN, "refresh.sourceSecret", "a Secret name"),
                matching(r.rulesConfigMap(), DNS_SUBDOMAIN, "refresh.rulesConfigMap", "a ConfigMap name"), rules,
                matching(r.image(), IMAGE, "refresh.image", "an image reference such as ghcr.io/acme/slipway:1.4.0"),
                optional(r.snapshotClass(), DNS_SUBDOMAIN, "refresh.snapshotClass", "a VolumeSnapshotClass name"),
                optional(r.storageClass(), DNS_SUBDOMAIN, "refresh.storageClass", "a StorageClass name"),
                quantity(orElse(r.volumeSize(), "20Gi"), "refresh.volumeSize"),
                positive(r.timeout(), Duration.ofHours(2), "refresh.timeout"));
    }

    private ServeConfig.Quota quota(KubeQuota q) {
        if (q == null) {
            return new ServeConfig.Quota("2", "4Gi", "50Gi", 4);
        }
        int pods = q.pods() == null ? 4 : q.pods();
        if (pods < 1) {
            throw v.invalid(KEY + ".quota.pods", "expected at least 1 (PostgreSQL's pod), found " + pods);
        }
        return new ServeConfig.Quota(quantity(orElse(q.cpu(), "2"), "quota.cpu"),
                quantity(orElse(q.memory(), "4Gi"), "quota.memory"), quantity(orElse(q.storage(), "50Gi"), "quota.storage"),
                pods);
    }

    private Duration positive(String text, Duration fallback, String key) {
        Duration d = v.duration(text, fallback, KEY + "." + key);
        if (d.isZero() || d.isNegative()) {
            throw v.invalid(KEY + "." + key, "expected a positive duration such as 30s");
        }
        return d;
    }

    private String label(String value, String key) {
        String what = "a namespace name (at most 63 lower-case letters, digits and dashes)";
        if (value.length() > 63) {
            throw v.invalid(KEY + "." + key, "expected " + what + ", found " + value.length() + " characters");
        }
        return matching(value, DNS_LABEL, key, what);
    }

    private String quantity(String value, String key) {
        return matching(value, QUANTITY, key, "a Kubernetes quantity such as 500m, 2 or 4Gi");
    }

    private String optional(String value, String pattern, String key, String what) {
        return value == null ? null : matching(value, pattern, key, what);
    }

    private String matching(String value, String pattern, String key, String what) {
        if (!value.matches(pattern) || value.length() > 253) {
            throw v.invalid(KEY + "." + key, "expected " + what + ", found '" + value + "'");
        }
        return value;
    }

    private static String orElse(String value, String fallback) {
        return value == null ? fallback : value;
    }
}
