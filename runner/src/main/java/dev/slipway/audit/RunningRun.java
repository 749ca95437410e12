package dev.slipway.audit;

import java.time.Instant;
import java.util.UUID;

/** A run recorded as {@code running}: its writer session ({@code null} if it recorded none) and where it ran. */
public record RunningRun(UUID id, String target, String host, Instant startedAt, WriterSession writer) {
}
