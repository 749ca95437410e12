package dev.slipway.mask.transform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The masking secret and the keys derived from it, one per domain: {@code HMAC-SHA256(secret, domain)}.
 * Values are masked with {@code HMAC-SHA256(domainKey, value)}, so the same input gives the same output
 * in every column of a domain and nothing in another. Thread-safe.
 * The secret is never printed; {@link #toString()} says so.
 */
public final class Keyring {

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

    /** {@code HMAC-SHA256(key, message)}. */
    static byte[] hmac(byte[] key, byte[] message) {
        return new Key(key).digest(message);
    }

    @Override
    public String toString() {
        return "Keyring[secret=***]";
    }

    /**
     * One domain's key: digests of values. Thread-safe: the two SHA-256 states after the key's inner and
     * outer pad (RFC 2104) are computed once and never changed; each digest works on copies of them, which
     * costs two compressions per value instead of the four of a {@code javax.crypto.Mac} that restarts from
     * the key.
     */
    static final class Key {
        private static final int BLOCK = 64;
        private final MessageDigest inner;
        private final MessageDigest outer;

        private Key(byte[] key) {
            // a key longer than a block is hashed first (RFC 2104)
            byte[] k = key.length > BLOCK ? sha256().digest(key) : key;
            inner = padded(k, (byte) 0x36);
            outer = padded(k, (byte) 0x5c);
        }

        private static MessageDigest padded(byte[] key, byte pad) {
            byte[] block = new byte[BLOCK];
            for (int i = 0; i < BLOCK; i++) {
                block[i] = (byte) ((i < key.length ? key[i] : 0) ^ pad);
            }
            MessageDigest md = sha256();
            md.update(block);
            Arrays.fill(block, (byte) 0);
            return md;
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is not available in this JVM", e);
            }
        }

        /** The 32-byte HMAC-SHA256 of {@code value} (UTF-8). */
        byte[] digest(String value) {
            return digest(value.getBytes(StandardCharsets.UTF_8));
        }

        private byte[] digest(byte[] message) {
            MessageDigest in = copy(inner);
            in.update(message);
            MessageDigest out = copy(outer);
            out.update(in.digest());
            return out.digest();
        }

        private static MessageDigest copy(MessageDigest md) {
            try {
                return (MessageDigest) md.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("this JVM's SHA-256 cannot be copied", e);
            }
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
