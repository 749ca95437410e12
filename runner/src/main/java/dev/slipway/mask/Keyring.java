package dev.slipway.mask;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The masking secret and the keys derived from it, one per domain: {@code HMAC-SHA256(secret, domain)}.
 * Values are masked with {@code HMAC-SHA256(domainKey, value)}, so the same input gives the same output
 * in every column of a domain and nothing in another. Thread-safe: each thread gets its own {@link Mac}.
 * The secret is never printed; {@link #toString()} says so.
 */
public final class Keyring {

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] secret;

    private Keyring(byte[] secret) {
        this.secret = secret.clone();
    }

    /** A keyring over {@code secret}'s bytes; the caller may wipe its copy afterwards. */
    public static Keyring of(byte[] secret) {
        return new Keyring(secret);
    }

    /** The key of {@code domain}. */
    Key domain(String domain) {
        return new Key(hmac(secret, ("slipway-mask/domain/" + domain).getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] hmac(byte[] key, byte[] message) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }

    @Override
    public String toString() {
        return "Keyring[secret=***]";
    }

    /** One domain's key: digests of values, thread-safe. */
    static final class Key {
        private final ThreadLocal<Mac> mac;

        private Key(byte[] key) {
            byte[] k = Arrays.copyOf(key, key.length);
            this.mac = ThreadLocal.withInitial(() -> {
                try {
                    Mac m = Mac.getInstance(ALGORITHM);
                    m.init(new SecretKeySpec(k, ALGORITHM));
                    return m;
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
                }
            });
        }

        /** The 32-byte HMAC of {@code value} (UTF-8). */
        byte[] digest(String value) {
            return mac.get().doFinal(value.getBytes(StandardCharsets.UTF_8));
        }

        /** A non-negative number from the first 8 bytes of the digest, for picks and offsets. */
        long number(String value) {
            byte[] d = digest(value);
            long n = 0;
            for (int i = 0; i < 8; i++) {
                n = (n << 8) | (d[i] & 0xff);
            }
            return n & Long.MAX_VALUE;
        }

        @Override
        public String toString() {
            return "Key[***]";
        }
    }
}
