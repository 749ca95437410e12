package dev.slipway.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds one of the repository's {@code overlays/} with {@code kubectl kustomize} (offline) and loads every rendered
 * object with the fabric8 client. A missing {@code kubectl} fails the test that asked: it is part of the build.
 */
public final class Kustomize {

    private Kustomize() {
    }

    /** The objects of {@code overlays/<overlay>}, as {@code kubectl kustomize} renders them. */
    public static List<HasMetadata> build(String overlay) {
        String yaml = run("kubectl", "kustomize", RepoFolders.path("overlays").resolve(overlay).toString());
        return new KubernetesSerialization().unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (kubectl 1.32 must be on the PATH to build the "
                    + "overlays): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
