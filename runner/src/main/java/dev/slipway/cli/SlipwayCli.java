package dev.slipway.cli;

import dev.slipway.ErrorCode;
import dev.slipway.SlipwayException;
import dev.slipway.migrate.RunContext;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/** The {@code slipway} command: parses the command line, runs one subcommand, exits with its code. */
@Command(name = "slipway", mixinStandardHelpOptions = true, versionProvider = SlipwayCli.Version.class,
        description = "Forward-only, lock-safe PostgreSQL migrations, per-PR previews and promotion gates.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:a negative verdict (lint findings, failed gate)", "2:bad input or usage",
                "3:cannot connect", "4:a migration failed", "5:blocked by another session (locks)",
                "6:the migration history refuses the run (edited, missing, out of order, forward-only)",
                "70:a bug in Slipway"})
public final class SlipwayCli {

    /**
     * The subcommands, in the order help lists them. Only the one a command line names is built (picocli reads each
     * command's options by reflection: all of them cost a short command about 0.05 s); all are for help, usage errors
     * and suggestions.
     */
    static final List<Class<?>> COMMANDS = List.of(MigrateCommand.class, StatusCommand.class, LintCommand.class,
            GateCommand.class, MaskCommand.class, ServeCommand.class, PreviewCommand.class, DemoCommand.class);

    private final Map<String, String> env;

    public SlipwayCli(Map<String, String> env) {
        Map<String, String> set = new LinkedHashMap<>(env);
        set.entrySet().removeIf(e -> e.getKey().startsWith("SLIPWAY_") && e.getValue().isBlank());
        this.env = Map.copyOf(set);
    }

    /**
     * The environment variables commands read ({@code SLIPWAY_*}, passwords): injectable for tests. An empty
     * {@code SLIPWAY_*} variable counts as not set, as a Pod's variable from a missing annotation is empty.
     */
    public Map<String, String> env() {
        return env;
    }

    public static void main(String[] args) {
        launch(List.of(), args);
    }

    /**
     * Runs the command line with the product's commands and {@code extraCommands} (the benchmarks' {@code bench},
     * from their own module, outside the product), then exits with its code.
     */
    public static void launch(List<Class<?>> extraCommands, String[] args) {
        // Logging starts on a thread of its own while the command line is built (each takes a cold JVM about 0.1 s)
        // and is ready before the command runs: threads of a command logging while it starts would make SLF4J
        // queue their events and print a warning when it replays them.
        Thread logging = new Thread(LoggerFactory::getILoggerFactory, "slipway-logging");
        logging.start();
        CommandLine cli = commandLine(System.getenv(), new PrintWriter(System.out, true),
                new PrintWriter(System.err, true), with(extraCommands), args);
        try {
            logging.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.exit(cli.execute(args));
    }

    /** Runs the command line with the given environment and streams; returns the exit code. */
    public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        return run(env, out, err, List.of(), args);
    }

    /** Runs the command line, with the product's commands and {@code extraCommands}; returns the exit code. */
    public static int run(Map<String, String> env, PrintWriter out, PrintWriter err, List<Class<?>> extraCommands,
            String... args) {
        return commandLine(env, out, err, with(extraCommands), args).execute(args);
    }

    private static List<Class<?>> with(List<Class<?>> extraCommands) {
        return Stream.concat(COMMANDS.stream(), extraCommands.stream()).toList();
    }

    /** The command line for {@code args}: only the subcommand they name, or all when they name none. */
    static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err, String... args) {
        return commandLine(env, out, err, COMMANDS, args);
    }

    private static CommandLine commandLine(Map<String, String> env, PrintWriter out, PrintWriter err,
            List<Class<?>> commands, String... args) {
        CommandLine cli = new CommandLine(new SlipwayCli(env));
        List<Class<?>> named = commands.stream()
                .filter(c -> args.length > 0 && c.getAnnotation(Command.class).name().equals(args[0])).toList();
        (named.isEmpty() ? commands : named).forEach(cli::addSubcommand);
        ForwardOnlyCommands.addTo(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parsed) ->
                report(e, line, parsed.originalArgs().toArray(String[]::new)));
        IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
        cli.setParameterExceptionHandler((e, given) ->
                jsonRequested(given) ? usageAsJson(e) : usage.handleParseException(e, given));
        return cli;
    }

    /** Whether the command line asks for JSON: {@code --json}, or {@code --format json} (lint). */
    static boolean jsonRequested(String... args) {
        for (int i = 0; i < args.length && !"--".equals(args[i]); i++) {
            String a = args[i].toLowerCase(Locale.ROOT);
            if (a.equals("--json") || a.equals("--format=json") || a.equals("--format") && i + 1 < args.length
                    && "json".equalsIgnoreCase(args[i + 1].trim())) {
                return true;
            }
        }
        return false;
    }

    private static int usageAsJson(ParameterException e) {
        CommandLine line = e.getCommandLine();
        line.getOut().println(Json.write(ErrorDocument.of(ErrorCode.USAGE, e.getMessage() + usageHint(line),
                line.getCommandSpec().qualifiedName(), subject(e))));
        line.getOut().flush();
        return line.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static String usageHint(CommandLine line) {
        return "; see " + line.getCommandSpec().qualifiedName() + " --help";
    }

    /** The argument a usage error is about: the unknown one, the first missing option, or the option given badly. */
    private static String subject(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            return u.getUnmatched().get(0);
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
            return name(m.getMissing().get(0));
        }
        return e.getArgSpec() == null ? null : name(e.getArgSpec());
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec o ? o.longestName() : arg.paramLabel();
    }

    private static int report(Exception e, CommandLine line, String... args) {
        SlipwayException error = e instanceof SlipwayException s ? s
                : new SlipwayException(ErrorCode.INTERNAL, "unexpected " + e.getClass().getSimpleName() + ": "
                        + e.getMessage() + " (this is a bug in Slipway; please report it with the command you ran)", e);
        Object command = line.getCommand();
        if (command instanceof JsonOutput j ? j.json() : jsonRequested(args)) {
            String subject = command instanceof JsonOutput j ? j.subject() : null;
            line.getOut().println(Json.write(ErrorDocument.of(error, line.getCommandSpec().qualifiedName(), subject)));
            line.getOut().flush();
        } else {
            line.getErr().println("error: " + error.getMessage());
        }
        if (error.code() == ErrorCode.INTERNAL) {
            e.printStackTrace(line.getErr());
        }
        line.getErr().flush();
        return error.exitCode();
    }

    /** Commands that can print their result, or their error ({@link ErrorDocument}), as JSON. */
    public interface JsonOutput {
        boolean json();

        /** What the command was working on, for the error document: e.g. its database; {@code null} if unknown. */
        default String subject() {
            return null;
        }
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"slipway " + RunContext.slipwayVersion()};
        }
    }
}
