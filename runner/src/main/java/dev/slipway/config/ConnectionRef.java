package dev.slipway.config;

/**
 * A database as configured: URL, user, and the name of the environment variable that holds the
 * password (never the password itself: a config file is not a place for secrets).
 */
public record ConnectionRef(String url, String user, String passwordEnv) {
}
