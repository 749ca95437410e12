package dev.slipway.lint;

/** A table lock a statement will take, as the static rules predict it. */
public record PredictedLock(String table, LockMode mode) {
}
