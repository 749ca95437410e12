package dev.slipway.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that runs a Slipway class in a JVM of its own, with this JVM's java and class path. */
final class ChildJvm {

    private ChildJvm() {
    }

    /** {@code java OPTIONS -cp CLASSPATH MAIN_CLASS ARGS}. */
    static List<String> command(List<String> jvmOptions, String mainClass, List<String> args) {
        List<String> command = new ArrayList<>(List.of(binary()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        return command;
    }

    /** This JVM's {@code java} executable. */
    static String binary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }
}
