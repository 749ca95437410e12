package dev.slipway.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The container image the build wrote ({@code runner/target/slipway-image.tar}, an OCI layout), unpacked once with
 * umoci and run for real with runc, the OCI runtime Kubernetes nodes use under containerd: the image's own user,
 * entry point and environment, its root file system read-only, a tmpfs on {@code /tmp} (the overlays' emptyDir),
 * the host's network (so a test's PostgreSQL and Prometheus on loopback are reachable), and folders of the test
 * mounted read-only. Needs root, umoci and runc ({@code .ci/run} installs them).
 */
public final class OciImage {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static OciImage unpacked;

    private final Path layout;
    private final String ref;
    private final String manifestDigest;
    private final Path rootfs;
    private final ObjectNode runtimeConfig;
    private final Path work;

    /** What one run of a container printed, and its exit code. */
    public record Run(int exitCode, String out, String err) {
    }

    private OciImage(Path layout, String ref, String manifestDigest, Path rootfs, ObjectNode runtimeConfig, Path work) {
        this.layout = layout;
        this.ref = ref;
        this.manifestDigest = manifestDigest;
        this.rootfs = rootfs;
        this.runtimeConfig = runtimeConfig;
        this.work = work;
    }

    /** The image of this build, unpacked on first use. */
    public static synchronized OciImage ofTheBuild() throws IOException, InterruptedException {
        if (unpacked == null) {
            requireTools();
            Path tar = RepoFolders.path("runner/target/slipway-image.tar");
            assertThat(tar).as("the image tar (mvn package builds it on the base .ci/image-base makes)").exists();
            Path work = Files.createTempDirectory("slipway-image");
            Path layout = Files.createDirectories(work.resolve("layout"));
            exec(work, "tar", "-C", layout.toString(), "-xf", tar.toString());
            JsonNode manifest = JSON.readTree(layout.resolve("index.json").toFile()).path("manifests").path(0);
            String ref = manifest.path("annotations").path("org.opencontainers.image.ref.name").asText();
            Path bundle = work.resolve("bundle");
            exec(work, "umoci", "unpack", "--image", layout + ":" + ref, bundle.toString());
            unpacked = new OciImage(layout, ref, manifest.path("digest").asText(), bundle.resolve("rootfs"),
                    (ObjectNode) JSON.readTree(bundle.resolve("config.json").toFile()), work);
        }
        return unpacked;
    }

    /** What running the image here needs, said up front rather than as a failed command. */
    private static void requireTools() {
        for (String tool : List.of("umoci", "runc")) {
            boolean found = Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                    .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, tool)));
            assertThat(found).as("%s on PATH: the image tests unpack the image with umoci and run it with runc "
                    + "(apt-get install umoci runc; .ci/run installs them)", tool).isTrue();
        }
        assertThat(System.getProperty("user.name")).as("the image tests run containers with runc, which needs root")
                .isEqualTo("root");
    }

    /** The name the image was built as, e.g. {@code ghcr.io/slipway-dev/slipway:0.2.0}. */
    public String ref() {
        return ref;
    }

    /** The unpacked root file system (for reading what the image holds; containers never write to it). */
    public Path rootfs() {
        return rootfs;
    }

    /** The image's configuration (OCI image config: {@code config.User}, {@code config.Labels}, ...). */
    public JsonNode imageConfig() throws IOException {
        return blob(blob(manifestDigest).path("config").path("digest").asText());
    }

    /** The digest of the image's manifest, {@code sha256:…}: what a registry and a pinned overlay name it by. */
    public String manifestDigest() {
        return manifestDigest;
    }

    private JsonNode blob(String digest) throws IOException {
        return JSON.readTree(layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length())).toFile());
    }

    /** Runs the image's entry point with {@code args}. */
    public Run run(List<String> args, Map<String, String> env, Map<Path, String> readOnlyMounts)
            throws IOException, InterruptedException {
        List<String> argv = new ArrayList<>();
        runtimeConfig.path("process").path("args").forEach(a -> argv.add(a.asText()));
        argv.addAll(args);
        return exec(argv, env, readOnlyMounts);
    }

    /** Runs {@code argv} in a container of the image, instead of its entry point (to look at what it holds). */
    public Run exec(List<String> argv, Map<String, String> env, Map<Path, String> readOnlyMounts)
            throws IOException, InterruptedException {
        String id = "slipway-it-" + ProcessHandle.current().pid() + "-" + RUNS.incrementAndGet();
        Path bundle = Files.createDirectories(work.resolve(id));
        ObjectNode config = runtimeConfig.deepCopy();
        ObjectNode root = (ObjectNode) config.path("root");
        root.put("path", rootfs.toString());
        root.put("readonly", true);
        ObjectNode process = (ObjectNode) config.path("process");
        process.put("terminal", false);
        ArrayNode args = process.putArray("args");
        argv.forEach(args::add);
        Map<String, String> environment = new LinkedHashMap<>();
        process.path("env").forEach(e -> {
            String[] kv = e.asText().split("=", 2);
            environment.put(kv[0], kv.length > 1 ? kv[1] : "");
        });
        environment.putAll(env);
        ArrayNode envs = process.putArray("env");
        environment.forEach((k, v) -> envs.add(k + "=" + v));
        ArrayNode namespaces = (ArrayNode) config.path("linux").path("namespaces");
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            if ("network".equals(namespaces.get(i).path("type").asText())) {
                namespaces.remove(i);
            }
        }
        ArrayNode mounts = (ArrayNode) config.path("mounts");
        ObjectNode tmp = mounts.addObject().put("destination", "/tmp").put("type", "tmpfs").put("source", "tmpfs");
        tmp.putArray("options").add("nosuid").add("nodev").add("mode=1777").add("size=256m");
        for (Map.Entry<Path, String> m : readOnlyMounts.entrySet()) {
            ObjectNode bind = mounts.addObject().put("destination", m.getValue()).put("type", "bind")
                    .put("source", m.getKey().toAbsolutePath().toString());
            bind.putArray("options").add("rbind").add("ro");
        }
        Files.writeString(bundle.resolve("config.json"), JSON.writeValueAsString(config));
        Path out = bundle.resolve("stdout");
        Path err = bundle.resolve("stderr");
        Process p = new ProcessBuilder("runc", "run", "--bundle", bundle.toString(), id)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                throw new IllegalStateException("container " + id + " " + argv + " still running after 180 s: "
                        + Files.readString(err));
            }
        } finally {
            p.destroyForcibly();
            new ProcessBuilder("runc", "delete", "--force", id).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /**
     * A folder the container's user (10001, not the test's root) may read: a copy of {@code files} with world-readable
     * modes, to mount read-only.
     */
    public Path readableFolder(String name, Map<String, String> files) throws IOException {
        Path dir = Files.createDirectories(work.resolve("mounts").resolve(name));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path file = dir.resolve(f.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, f.getValue());
        }
        makeReadable(work.resolve("mounts"));
        return dir;
    }

    /** Gives {@code dir} and everything under it modes the container's user can read (a+rX). */
    public static void makeReadable(Path dir) {
        try {
            exec(dir, "chmod", "-R", "a+rX", dir.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void exec(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
    }
}
