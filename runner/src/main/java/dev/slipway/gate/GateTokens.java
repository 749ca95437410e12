package dev.slipway.gate;

import dev.slipway.config.EnvironmentConfig;
import dev.slipway.config.SlipwayConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * The bearer tokens of the gate API, one per environment, read once from the variables the config names. Only their
 * SHA-256 digests are kept, and a presented token is compared with {@link MessageDigest#isEqual}, in constant time
 * whatever its length. Thread-safe.
 */
public final class GateTokens {

    private final Map<String, byte[]> digests;

    private GateTokens(Map<String, byte[]> digests) {
        this.digests = Map.copyOf(digests);
    }

    /** @throws dev.slipway.SlipwayException when a variable named by {@code gate.tokenEnv} is not set */
    public static GateTokens of(SlipwayConfig config, Map<String, String> env) {
        Map<String, byte[]> digests = new HashMap<>();
        for (EnvironmentConfig e : config.environments().values()) {
            if (e.gate() != null && e.gate().tokenEnv() != null) {
                String token = GatePlans.secret(e.gate().tokenEnv(), env, "environments." + e.name() + ".gate.tokenEnv");
                digests.put(e.name(), digest(token));
            }
        }
        return new GateTokens(digests);
    }

    /** Whether {@code environment}'s API is on: a token variable is configured. */
    public boolean enabled(String environment) {
        return digests.containsKey(environment);
    }

    /** Whether {@code authorization} ({@code Bearer TOKEN}) carries {@code environment}'s token. */
    public boolean allows(String environment, String authorization) {
        byte[] expected = digests.get(environment);
        if (expected == null || authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expected, digest(authorization.substring(7).strip()));
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
