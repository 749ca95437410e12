package dev.slipway.serve;

import java.time.Instant;

/** A webhook delivery as recorded; {@code repeats} counts later deliveries with the same id. */
public record DeliveryRow(String forge, String id, String event, String action, String repo, int status,
                          String result, String reason, Instant receivedAt, int repeats) {
}
