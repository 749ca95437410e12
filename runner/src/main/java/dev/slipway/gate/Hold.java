package dev.slipway.gate;

import java.time.Instant;

/** A manual hold on an environment: promotion is refused until someone clears it. */
public record Hold(String environment, String reason, String heldBy, Instant heldAt) {
}
