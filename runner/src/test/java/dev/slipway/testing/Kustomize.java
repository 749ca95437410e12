package dev.slipway.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        return build(RepoFolders.path("overlays").resolve(overlay));
    }

    /** The objects of the kustomization in {@code dir}. */
    public static List<HasMetadata> build(Path dir) {
        String yaml = run("kubectl", "kustomize", dir.toString());
        return new KubernetesSerialization().unmarshal(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * {@code overlays/<overlay>} with {@code components} (folders holding a Kustomize Component) on top, as a release
     * would list them: a kustomization written in {@code dir}, naming both by relative paths as Kustomize requires.
     */
    public static List<HasMetadata> build(Path dir, String overlay, List<Path> components) throws IOException {
        Path at = Files.createDirectories(dir.resolve(overlay));
        StringBuilder k = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n")
                .append("resources:\n  - ").append(relative(at, RepoFolders.path("overlays").resolve(overlay)))
                .append("\n");
        if (!components.isEmpty()) {
            k.append("components:\n");
            components.forEach(c -> k.append("  - ").append(relative(at, c)).append("\n"));
        }
        Files.writeString(at.resolve("kustomization.yaml"), k);
        return build(at);
    }

    private static String relative(Path from, Path to) {
        return from.toAbsolutePath().normalize().relativize(to.toAbsolutePath().normalize()).toString();
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
