package dev.slipway.cli;

import dev.slipway.camel.ServeApp;
import dev.slipway.config.ConfigLoader;
import dev.slipway.config.SlipwayConfig;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code slipway serve}: watch a repository, keep one preview per open pull request, serve the API. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Watch a Git repository (poll and webhooks) and keep a preview database per open pull request:",
                "cloned from the masked golden, migrations linted and applied, result reported as a commit status.",
                "Logs are JSON lines on stdout. Configuration: the serve: section of slipway.yaml."})
final class ServeCommand implements Callable<Integer> {

    @ParentCommand
    SlipwayCli parent;

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "slipway.yaml",
            description = "slipway.yaml with a serve: section (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--routes", paramLabel = "DIR", description = "load the Camel routes from DIR instead of the jar")
    Path routes;

    @Option(names = "--instance", paramLabel = "NAME", description = "this replica's name (default: host-pid)")
    String instance;

    @Option(names = "--cache-dir", paramLabel = "DIR", defaultValue = ".slipway/git",
            description = "where the Git mirror is kept (default: ${DEFAULT-VALUE})")
    Path cacheDir;

    @Override
    public Integer call() throws InterruptedException {
        JsonLogs.enable();
        SlipwayConfig cfg = ConfigLoader.load(config);
        ServeApp app = ServeApp.start(new ServeApp.Options(cfg, parent.env(), routes,
                instance != null ? instance : defaultInstance(), cacheDir, Duration.ofSeconds(2)));
        PrintWriter out = spec.commandLine().getOut();
        out.println("{\"message\":\"slipway serve is up\",\"url\":\"" + app.url() + "\"}");
        out.flush();
        app.awaitShutdown();
        return 0;
    }

    static String defaultInstance() {
        try {
            return InetAddress.getLocalHost().getHostName() + "-" + ManagementFactory.getRuntimeMXBean().getPid();
        } catch (UnknownHostException e) {
            return "serve-" + ManagementFactory.getRuntimeMXBean().getPid();
        }
    }
}
