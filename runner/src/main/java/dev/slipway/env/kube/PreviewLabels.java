package dev.slipway.env.kube;

import dev.slipway.env.PreviewMark;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slipway's ownership labels and the annotations that hold a preview's state. Labels select (they are sanitised,
 * so they can be ambiguous); annotations hold the whole pull request key and decide ownership. Pure; thread-safe.
 */
public final class PreviewLabels {

    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String SLIPWAY = "slipway";
    public static final String REPO = "slipway.dev/repo";
    public static final String PR = "slipway.dev/pr";
    public static final String HEAD = "slipway.dev/head-commit";
    public static final String STATE = "slipway.dev/state";
    public static final String CREATED = "slipway.dev/created-at";
    /** On a golden VolumeSnapshot: {@code "true"} once {@code slipway mask} finished it. */
    public static final String MASKED = "slipway.dev/masked";
    /** On a golden VolumeSnapshot: the leading hex digits (up to 63) of the SHA-256 of the masking rules. */
    public static final String RULES_HASH = "slipway.dev/rules-hash";

    private static final String LABEL_VALUE = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";

    private PreviewLabels() {
    }

    /** A label value for {@code text}: itself when valid, else sanitised with a hash so distinct texts stay distinct. */
    public static String value(String text) {
        String slashes = text.replace('/', '.');
        if (slashes.length() <= 63 && slashes.matches(LABEL_VALUE)) {
            return slashes;
        }
        String clean = slashes.replaceAll("[^-A-Za-z0-9_.]+", "_");
        String suffix = "-" + hash(text);
        String head = clean.substring(0, Math.min(clean.length(), 63 - suffix.length()));
        return (head.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "") + suffix).replaceAll("^-", "");
    }

    /** The labels every object of {@code key}'s preview carries. */
    public static Map<String, String> of(PreviewKey key) {
        return Map.of(MANAGED_BY, SLIPWAY, REPO, value(key.repo()), PR, value(key.id()));
    }

    /** Whether {@code o} carries Slipway's labels for {@code key}. */
    public static boolean ours(HasMetadata o, PreviewKey key) {
        Map<String, String> labels = o.getMetadata().getLabels();
        return labels != null && labels.entrySet().containsAll(of(key).entrySet());
    }

    /** Whether {@code o} is labelled managed by Slipway at all. */
    public static boolean managed(HasMetadata o) {
        Map<String, String> labels = o.getMetadata().getLabels();
        return labels != null && SLIPWAY.equals(labels.get(MANAGED_BY));
    }

    /**
     * The preview's mark from a namespace's (or a snapshot content's) labels and annotations; empty unless both are
     * Slipway's and agree. Objects without a state annotation read as {@link PreviewState#BUILDING}.
     */
    public static Optional<PreviewMark> mark(HasMetadata o) {
        Map<String, String> a = o.getMetadata().getAnnotations();
        if (!managed(o) || a == null || a.get(REPO) == null || a.get(PR) == null || a.get(HEAD) == null) {
            return Optional.empty();
        }
        PreviewKey key = new PreviewKey(a.get(REPO), a.get(PR));
        if (!ours(o, key)) {
            return Optional.empty();
        }
        try {
            PreviewState state = a.get(STATE) == null ? PreviewState.BUILDING
                    : PreviewState.valueOf(a.get(STATE).toUpperCase(Locale.ROOT));
            Instant created = a.get(CREATED) == null ? Instant.EPOCH : Instant.parse(a.get(CREATED));
            return Optional.of(new PreviewMark(key, a.get(HEAD), state, created));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String hash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
