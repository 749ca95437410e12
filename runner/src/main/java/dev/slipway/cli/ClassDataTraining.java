package dev.slipway.cli;

import java.io.File;
import java.io.IOException;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads, without running anything, every class of Slipway and of the libraries its commands start with, so that
 * a JVM started with {@code -XX:ArchiveClassesAtExit} archives them: the {@code slipway} launcher does so once
 * after each build, and every later command maps the archive instead of reading, parsing and verifying those
 * classes again (CDS). Libraries only {@code serve} or the benchmarks use are left to load as usual.
 */
public final class ClassDataTraining {

    /** Packages whose classes a command loads in its first second. */
    static final List<String> PACKAGES = List.of("dev.slipway.", "org.postgresql.", "org.flywaydb.",
            "com.fasterxml.jackson.", "ch.qos.logback.", "org.slf4j.", "picocli.", "org.yaml.snakeyaml.");

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws IOException {
        ClassLoader loader = ClassDataTraining.class.getClassLoader();
        int loaded = 0;
        for (String entry : classPath()) {
            try (JarFile jar = new JarFile(entry)) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String name = className(e.nextElement().getName());
                    if (name != null && PACKAGES.stream().anyMatch(name::startsWith) && load(name, loader)) {
                        loaded++;
                    }
                }
            }
        }
        // logging starts as in every command, so that the lambdas logback makes on the way are archived too
        org.slf4j.LoggerFactory.getILoggerFactory();
        System.out.println("loaded " + loaded + " classes");
    }

    /** The jars of the class path: this one and those its manifest names. */
    private static List<String> classPath() throws IOException {
        String self = System.getProperty("java.class.path").split(File.pathSeparator)[0];
        java.util.ArrayList<String> jars = new java.util.ArrayList<>(List.of(self));
        try (JarFile jar = new JarFile(self)) {
            String manifest = jar.getManifest() == null ? null
                    : jar.getManifest().getMainAttributes().getValue("Class-Path");
            File dir = new File(self).getAbsoluteFile().getParentFile();
            if (manifest != null) {
                for (String relative : manifest.trim().split("\\s+")) {
                    jars.add(new File(dir, relative).getPath());
                }
            }
        }
        return jars;
    }

    private static String className(String entry) {
        return entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")
                ? entry.substring(0, entry.length() - ".class".length()).replace('/', '.') : null;
    }

    private static boolean load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (LinkageError | ClassNotFoundException e) {
            return false; // an optional dependency is absent: the class is not archived, and loads as usual if used
        }
    }
}
