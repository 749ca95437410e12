package dev.slipway.overlays;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.FileTrees;
import dev.slipway.testing.Kustomize;
import dev.slipway.testing.RepoFolders;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runner/Dockerfile} against the real build, without a container engine: its COPY lines are laid out from
 * {@code runner/target} into a folder standing for the image's root, and its ENTRYPOINT runs from there with this
 * JVM's java, with the arguments the overlays give it. One version everywhere: the pom's, the jar's
 * {@code --version}, every image tag the overlays render, and the image the docs tell users to build.
 */
class ContainerImageIT {

    private static final Pattern COPY = Pattern.compile("^COPY\\s+(\\S+)\\s+(\\S+)$");

    @TempDir
    Path root;

    @Test
    void theEntrypointRunsFromTheCopiedFilesWithTheOverlaysArguments() throws Exception {
        List<String> dockerfile = instructions();
        layOut(dockerfile);

        assertThat(run(dockerfile, List.of("--version"))).isEqualTo("slipway " + version());
        for (Container c : containers(Kustomize.build("prod"))) {
            List<String> args = new ArrayList<>(c.getArgs());
            args.add("--help");
            assertThat(run(dockerfile, args)).as("%s %s", c.getName(), c.getArgs()).startsWith("Usage: slipway "
                    + c.getArgs().get(0));
        }
    }

    @Test
    void theImageRunsAsTheUserTheOverlaysRequire() throws IOException {
        String user = instructions().stream().filter(l -> l.startsWith("USER ")).findFirst().orElseThrow()
                .substring(5).split(":")[0];

        for (String overlay : List.of("dev", "staging", "prod")) {
            for (PodSpec pod : pods(Kustomize.build(overlay))) {
                assertThat(pod.getSecurityContext().getRunAsUser()).as(overlay).hasToString(user);
            }
        }
    }

    @Test
    void everyOverlayRendersTheImageOfThisVersion() throws IOException {
        String image = "ghcr.io/slipway-dev/slipway:" + version();

        for (String overlay : List.of("base", "dev", "staging", "prod")) {
            assertThat(containers(Kustomize.build(overlay))).as(overlay).extracting(Container::getImage)
                    .containsOnly(image);
        }
        assertThat(Files.readString(RepoFolders.path("docs/container-image.md"))).contains(image);
        assertThat(Files.readString(RepoFolders.path("runner/Dockerfile"))).contains(image);
    }

    private static List<String> instructions() throws IOException {
        return Files.readAllLines(RepoFolders.path("runner/Dockerfile")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** Each COPY, from the build context {@code runner/target} to the image root. */
    private void layOut(List<String> dockerfile) throws IOException {
        Path context = RepoFolders.path("runner/target");
        for (String line : dockerfile) {
            Matcher m = COPY.matcher(line);
            if (m.matches()) {
                Path from = context.resolve(m.group(1));
                assertThat(from).as("COPY source in the build context").exists();
                FileTrees.copy(from, root.resolve(m.group(2).substring(1)));
            }
        }
    }

    /** The ENTRYPOINT, with {@code java} as this JVM's and absolute paths under the laid-out root. */
    private String run(List<String> dockerfile, List<String> args) throws Exception {
        String entry = dockerfile.stream().filter(l -> l.startsWith("ENTRYPOINT ")).findFirst().orElseThrow();
        List<String> command = new ArrayList<>();
        for (String part : entry.substring(entry.indexOf('[') + 1, entry.lastIndexOf(']')).split(",")) {
            String word = part.strip().replaceAll("^\"|\"$", "");
            command.add(word.equals("java") ? ProcessHandle.current().info().command().orElseThrow()
                    : word.startsWith("/") ? root.resolve(word.substring(1)).toString() : word);
        }
        command.addAll(args);
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static String version() {
        String v = System.getProperty("slipway.test.version");
        assertThat(v).as("slipway.test.version (set by Failsafe from the pom)").isNotBlank();
        return v;
    }

    private static List<PodSpec> pods(List<HasMetadata> objects) {
        List<PodSpec> pods = new ArrayList<>();
        objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .forEach(d -> pods.add(d.getSpec().getTemplate().getSpec()));
        objects.stream().filter(Job.class::isInstance).map(Job.class::cast)
                .forEach(j -> pods.add(j.getSpec().getTemplate().getSpec()));
        assertThat(pods).isNotEmpty();
        return pods;
    }

    private static List<Container> containers(List<HasMetadata> objects) {
        return pods(objects).stream().flatMap(p -> p.getContainers().stream()).toList();
    }
}
