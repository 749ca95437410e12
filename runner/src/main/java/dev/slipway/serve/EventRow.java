package dev.slipway.serve;

import java.time.Instant;

/** Something that happened to a preview that a person should see: dropped, expired, queued, blocked. */
public record EventRow(Instant at, String repo, String prId, String kind, String message) {
}
