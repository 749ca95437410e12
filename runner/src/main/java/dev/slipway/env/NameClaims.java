package dev.slipway.env;

import dev.slipway.plan.PreviewKey;
import java.util.Map;

/**
 * Names a provider claimed before creating them, kept outside the preview itself, so an object left
 * unmarked by a crash between create and mark is still known to be Slipway's. Thread-safe.
 */
public interface NameClaims {

    void claim(String name, PreviewKey key);

    void release(String name);

    Map<String, PreviewKey> claims();
}
