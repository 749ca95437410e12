package dev.slipway.migrate;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Who runs Slipway, where, and which version: for run records and lock holders' names. */
public final class RunContext {

    private RunContext() {
    }

    /** {@code SLIPWAY_ACTOR} when set (a CI job names the person or bot), else the OS user. */
    public static String actor() {
        String actor = System.getenv("SLIPWAY_ACTOR");
        return actor != null && !actor.isBlank() ? actor : System.getProperty("user.name", "unknown");
    }

    public static String host() {
        String host = System.getenv("HOSTNAME");
        if (host != null && !host.isBlank()) {
            return host;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    public static String slipwayVersion() {
        String v = RunContext.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
