package dev.slipway.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.RepoFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The product artifact holds only the product: {@code slipway.jar} has no benchmark classes, and its runtime
 * libraries ({@code lib/}, the image's {@code /opt/slipway/lib}) are exactly the allow-list's, so a test or
 * benchmark library that comes back (a scope lost in a pom edit) fails here, naming it.
 */
class ProductClasspathIT {

    private static final Path TARGET = RepoFolders.path("runner/target");

    /** Libraries that are only ever for tests and benchmarks: named apart for a clearer failure. */
    private static final List<String> NEVER = List.of("org.junit", "org.assertj:", "org.awaitility:",
            "io.fabric8:kubernetes-server-mock", "io.fabric8:mockwebserver", "com.squareup.okhttp3:mockwebserver",
            "org.testcontainers:", "org.bouncycastle:");

    @Test
    void theRuntimeLibrariesAreTheAllowListsAndNoTestOrBenchLibrary() throws IOException {
        Set<String> resolved = resolved();
        Set<String> allowed = allowed();

        assertThat(resolved).as("runtime libraries that are never the product's")
                .noneMatch(a -> NEVER.stream().anyMatch(a::startsWith));
        assertThat(difference(resolved, allowed)).as("runtime libraries not in src/test/resources/"
                + "runtime-dependencies.allowed: add each with why the product needs it, or fix its scope").isEmpty();
        assertThat(difference(allowed, resolved)).as("allowed libraries the product no longer has: remove them from "
                + "src/test/resources/runtime-dependencies.allowed").isEmpty();
    }

    @Test
    void libHoldsExactlyTheResolvedLibraries() throws IOException {
        Set<String> files;
        try (Stream<Path> jars = Files.list(TARGET.resolve("lib"))) {
            files = jars.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> expected = Files.readAllLines(TARGET.resolve("runtime-dependencies.txt")).stream()
                .map(String::strip).filter(l -> l.matches("[^ :]+:[^ :]+:jar:.*"))
                .map(l -> l.split(" ")[0].split(":")).map(c -> c[1] + "-" + c[3] + ".jar")
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(files).isEqualTo(expected);
    }

    @Test
    void theJarHasNoBenchmarkOrTestClasses() throws IOException {
        try (JarFile jar = new JarFile(TARGET.resolve("slipway.jar").toFile())) {
            List<String> strays = jar.stream().map(JarEntry::getName)
                    .filter(n -> n.startsWith("dev/slipway/bench/") || n.startsWith("dev/slipway/testing/")
                            || n.endsWith("Test.class") || n.endsWith("IT.class") || n.equals("logback-test.xml"))
                    .toList();

            assertThat(strays).isEmpty();
            assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo("dev.slipway.cli.SlipwayCli");
        }
    }

    /** {@code groupId:artifactId} of the build's runtime classpath, from {@code dependency:list}. */
    private static Set<String> resolved() throws IOException {
        return Files.readAllLines(TARGET.resolve("runtime-dependencies.txt")).stream().map(String::strip)
                .filter(l -> l.matches("[^ :]+:[^ :]+:jar:.*")).map(l -> l.split(":"))
                .map(c -> c[0] + ":" + c[1]).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> allowed() throws IOException {
        return Files.readAllLines(RepoFolders.path("runner/src/test/resources/runtime-dependencies.allowed")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }
}
