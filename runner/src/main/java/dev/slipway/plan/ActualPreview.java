package dev.slipway.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * A preview that exists, as its provider found it. Only previews carrying Slipway's ownership mark are
 * ever listed as actual; a same-named object without the mark is a {@link Foreign}.
 *
 * @param name      the database or namespace name
 * @param headSha   the commit it was built from
 * @param createdAt when its build started
 */
public record ActualPreview(String name, PreviewKey key, String headSha, PreviewState state, Instant createdAt) {

    public ActualPreview {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(headSha, "headSha");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** A same-named object without Slipway's ownership mark: never touched, reported. */
    public record Foreign(String name) {
    }
}
