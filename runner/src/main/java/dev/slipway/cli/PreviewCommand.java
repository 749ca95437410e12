package dev.slipway.cli;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.config.ConfigLoader;
import dev.slipway.config.ServeConfig;
import dev.slipway.config.SlipwayConfig;
import dev.slipway.env.kube.Golden;
import dev.slipway.env.kube.ManifestTemplates;
import dev.slipway.env.kube.PreviewSpec;
import dev.slipway.plan.NamespaceNames;
import dev.slipway.plan.PreviewKey;
import dev.slipway.plan.PreviewState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slipway preview}: look at what the {@code kubernetes} provider would do, without a cluster. */
@Command(name = "preview", mixinStandardHelpOptions = true, description = "Preview environments on Kubernetes.",
        subcommands = PreviewCommand.Render.class)
final class PreviewCommand {

    /** {@code slipway preview render}: the manifests of one pull request's preview, as they would be applied. */
    @Command(name = "render", mixinStandardHelpOptions = true, description = {"Print the manifests the kubernetes "
            + "provider would apply for one pull request (ephemeral/ with its values filled in), without a cluster.",
            "The generated password is never printed; values only the cluster knows (the golden's snapshot handle and "
                    + "driver) are shown as <placeholders>."})
    static final class Render implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--repo", required = true, paramLabel = "OWNER/NAME", description = "The repository.")
        String repo;

        @Option(names = "--pr", required = true, paramLabel = "N", description = "The pull request (or branch id).")
        String pr;

        @Option(names = "--head", paramLabel = "SHA", defaultValue = "<head commit>", description = "The head commit.")
        String head;

        @Option(names = "--config", paramLabel = "FILE", description = "slipway.yaml whose serve.previews.kubernetes "
                + "to use (default: the defaults, golden namespace slipway-golden).")
        Path config;

        @Override
        public Integer call() {
            if (!repo.matches("[^/\\s]+(/[^/\\s]+)+")) {
                throw new SlipwayException(ErrorCode.USAGE, "--repo: expected owner/name, found '" + repo + "'");
            }
            PreviewKey key = new PreviewKey(repo, pr);
            ServeConfig.Previews previews = previews();
            ServeConfig.Kubernetes kube = previews == null ? ConfigLoader.kubernetesDefaults("slipway-golden")
                    : previews.kubernetes();
            Duration ttl = previews == null ? Duration.ofHours(72) : previews.ttl();
            Instant now = Instant.now();
            PreviewSpec preview = new PreviewSpec(NamespaceNames.of(key), key, head, PreviewState.BUILDING, now,
                    now.plus(ttl), Golden.placeholder(kube.goldenNamespace(), kube.goldenSnapshot()), kube, null);
            PrintWriter out = spec.commandLine().getOut();
            out.print(ManifestTemplates.fromClasspath().renderText(preview.values()));
            out.flush();
            return 0;
        }

        private ServeConfig.Previews previews() {
            if (config == null) {
                return null;
            }
            SlipwayConfig c = ConfigLoader.load(config);
            if (c.serve() == null || !"kubernetes".equals(c.serve().previews().provider())) {
                throw new SlipwayException(ErrorCode.CONFIG_INVALID, config + " has no serve.previews with provider: "
                        + "kubernetes; add one (see the README, 'Running in a cluster') or leave --config out");
            }
            return c.serve().previews();
        }
    }
}
