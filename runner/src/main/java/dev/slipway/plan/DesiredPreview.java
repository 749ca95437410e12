package dev.slipway.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * An open pull request that should have a preview.
 *
 * @param headSha    the commit the preview must be built from
 * @param branch     the head branch as the forge reported it, {@code null} when only refs are known
 * @param headSeenAt when Slipway first saw this head commit: a preview idles from there
 */
public record DesiredPreview(PreviewKey key, String headSha, String branch, Instant headSeenAt) {

    public DesiredPreview {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(headSha, "headSha");
        Objects.requireNonNull(headSeenAt, "headSeenAt");
    }
}
